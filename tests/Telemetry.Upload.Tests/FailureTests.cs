using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Testing;
using Telemetry.Upload.Sinks;
using Telemetry.Upload.Tests.Infrastructure;
using Telemetry.Upload.Tests.TestObjects;

namespace Telemetry.Upload.Tests;

/// <summary>Sink outages, reports that keep failing, and their replay.</summary>
[TestFixture]
public sealed class FailureTests
{
    private IConnectionMultiplexer _redis = null!;
    private string _prefix = null!;
    private TestBuffer _buffer = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        (_, _redis) = await Servers.RedisAsync();
        _prefix = Servers.KeyPrefix();
        _buffer = new TestBuffer(_redis, new BufferKeyspace(_prefix, 4));
        await _buffer.CreateGroupsAsync();
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Run_PostgresStopped_KeepsEverythingThenDrainsExactlyOnce(CancellationToken cancellationToken)
    {
        // Arrange: a PostgreSQL of this test's own, stopped after the first reports are stored.
        await using var postgres = await PostgresServer.StartAsync(cancellationToken);
        var options = UploaderRun.TestOptions(_prefix, o =>
        {
            o.Sink = "postgres";
            o.Postgres.ConnectionString = postgres.ConnectionString;
        });
        await using var sink = new PostgresReportSink(Options.Create(options));
        await using var run = UploaderRun.Start(_redis, sink, options);
        var before = Enumerable.Range(0, 100).Select(_ => TestReports.Create()).ToList();
        await _buffer.AddManyAsync(before);
        await Eventually.UntilAsync(async () => await _buffer.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the first reports are stored", cancellationToken);

        // Act: the sink goes away while reports keep arriving.
        await postgres.StopAsync();
        var during = Enumerable.Range(0, 300).Select(_ => TestReports.Create()).ToList();
        await _buffer.AddManyAsync(during);
        await Eventually.UntilAsync(
            async () => await _buffer.PendingAsync() > 0 && run.Metrics.ReportsUploaded("postgres") == 100,
            TimeSpan.FromSeconds(30), "the uploader holds reports it cannot store", cancellationToken);
        await Eventually.UntilAsync(
            async () => run.Meters.Count("telemetry.upload.failures", ("error.type", "unavailable")) > 0,
            TimeSpan.FromSeconds(30), "an upload failed as unavailable", cancellationToken);
        var lengthDuringOutage = await _buffer.LengthAsync();
        var deadLettersDuringOutage = await _buffer.DeadLetterLengthAsync();
        await postgres.StartAgainAsync(cancellationToken);
        await Eventually.UntilAsync(async () => await _buffer.LengthAsync() == 0, TimeSpan.FromSeconds(60), "the backlog is drained", cancellationToken);

        // Assert
        var (rows, distinct) = await Stored.PostgresCountsAsync(postgres.ConnectionString);
        Assert.Multiple(() =>
        {
            Assert.That(lengthDuringOutage, Is.EqualTo(300), "nothing was acknowledged during the outage");
            Assert.That(deadLettersDuringOutage, Is.Zero, "an outage dead-letters nothing");
            Assert.That(rows, Is.EqualTo(400));
            Assert.That(distinct, Is.EqualTo(400));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Run_SinkAlwaysRejectsOneReport_DeadLettersItAfterMaxDeliveriesAndReplayPutsItBack(CancellationToken cancellationToken)
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        var reports = Enumerable.Range(0, 30).Select(_ => TestReports.Create()).ToList();
        var poison = reports[7];
        await _buffer.AddManyAsync(reports);
        var options = UploaderRun.TestOptions(_prefix, o =>
        {
            o.Files.Directory = directory;
            o.MaxDeliveries = 3;
        });
        await using var files = new FileReportSink(Options.Create(options));
        var sink = new ScriptedSink(files) { RejectReportId = poison.ReportId, RejectReason = "schema mismatch in payload" };
        var store = new DeadLetterStore(_redis, Options.Create(options));

        // Act
        await using (UploaderRun.Start(_redis, sink, options))
        {
            await Eventually.UntilAsync(async () => await _buffer.DeadLetterLengthAsync() == 1, TimeSpan.FromSeconds(30), "the report is dead-lettered", cancellationToken);
        }

        var letters = await ListAsync(store, cancellationToken);
        var storedBeforeReplay = await Stored.FileReportIdsAsync(files);
        var replayed = await store.ReplayAsync(letters[0].Reference, cancellationToken);
        var replayedAgain = await store.ReplayAsync(letters[0].Reference, cancellationToken);
        await using (UploaderRun.Start(_redis, files, options))
        {
            await Eventually.UntilAsync(async () => await _buffer.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the replayed report is stored", cancellationToken);
        }

        // Assert
        var stored = await Stored.FileReportIdsAsync(files);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(letters, Has.Count.EqualTo(1));
            Assert.That(letters[0].ReportId, Is.EqualTo(poison.ReportId));
            Assert.That(letters[0].Reason, Is.EqualTo("schema mismatch in payload"));
            Assert.That(letters[0].Attempts, Is.EqualTo(3));
            Assert.That(letters[0].FirstSeen, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));
            Assert.That(storedBeforeReplay, Has.Count.EqualTo(29).And.No.Member(poison.ReportId));
            Assert.That(replayed, Is.True);
            Assert.That(replayedAgain, Is.False);
            Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
            Assert.That(await _buffer.DeadLetterLengthAsync(), Is.Zero);
            Assert.That(await _buffer.CountedBytesAsync(), Is.Zero);
        });
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ReplayAll_SeveralDeadLetters_MovesEveryOneBack(CancellationToken cancellationToken)
    {
        // Arrange: two dead letters written the way the uploader writes them.
        var options = UploaderRun.TestOptions(_prefix);
        var store = new DeadLetterStore(_redis, Options.Create(options));
        foreach (var shard in new[] { 0, 3 })
        {
            await _buffer.Database.ExecuteAsync("XADD", _buffer.Keys.DeadLetters(shard), "*", "report_id", Guid.NewGuid().ToString(), "product", "mimir",
                "arrival_ms", "1700000000000", "report", (RedisValue)Google.Protobuf.MessageExtensions.ToByteArray(TestReports.Create()),
                "reason", "test", "attempts", "5", "first_seen_ms", "1700000000000", "source_id", "1-0");
        }

        // Act
        var replayed = await store.ReplayAllAsync(cancellationToken);

        // Assert
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(replayed, Is.EqualTo(2));
            Assert.That(await _buffer.DeadLetterLengthAsync(), Is.Zero);
            Assert.That(await _buffer.LengthAsync(), Is.EqualTo(2));
        });
    }

    private static async Task<List<DeadLetter>> ListAsync(DeadLetterStore store, CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        await foreach (var letter in store.ListAsync(cancellationToken))
        {
            letters.Add(letter);
        }

        return letters;
    }
}
