using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Upload.Sinks;
using Telemetry.Upload.Tests.Infrastructure;
using Telemetry.Upload.Tests.TestObjects;

namespace Telemetry.Upload.Tests;

[TestFixture]
public sealed class BatchUploaderTests : BufferAndFilesFixture
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Run_ReportsWithRetriedDuplicates_FileSinkStoresEachReportOnce(CancellationToken cancellationToken)
    {
        // Arrange: 500 reports, 50 of them added twice more (a client retry the dedup window missed).
        var reports = Enumerable.Range(0, 500).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(reports);
        await Buffer.AddManyAsync(reports.Take(50));
        await Buffer.AddManyAsync(reports.Take(50));
        var options = UploaderRun.TestOptions(Prefix, o => o.Files.Directory = ReportsDirectory);
        await using var sink = new FileReportSink(Options.Create(options));

        // Act
        await using (UploaderRun.Start(Redis, sink, options))
        {
            await Eventually.UntilAsync(async () => await Buffer.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the buffer is drained", cancellationToken);
        }

        // Assert
        var stored = await Stored.FileReportIdsAsync(sink);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(stored, Has.Count.EqualTo(500));
            Assert.That(stored, Is.Unique);
            Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
            Assert.That(await Buffer.PendingAsync(), Is.Zero);
            Assert.That(await Buffer.CountedBytesAsync(), Is.Zero);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_ReportsWithRetriedDuplicates_PostgresStoresEachReportOnce(CancellationToken cancellationToken)
    {
        // Arrange
        var postgres = await Servers.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync();
        var reports = Enumerable.Range(0, 500).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(reports);
        await Buffer.AddManyAsync(reports.Take(50));
        await Buffer.AddManyAsync(reports.Take(50));
        var options = UploaderRun.TestOptions(Prefix, o =>
        {
            o.Sink = "postgres";
            o.Postgres.ConnectionString = database;
        });
        await using var sink = new PostgresReportSink(Options.Create(options));

        // Act
        await using (UploaderRun.Start(Redis, sink, options))
        {
            await Eventually.UntilAsync(async () => await Buffer.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the buffer is drained", cancellationToken);
        }

        // Assert
        var (rows, distinct) = await Stored.PostgresCountsAsync(database);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(rows, Is.EqualTo(500));
            Assert.That(distinct, Is.EqualTo(500));
            Assert.That(await Buffer.PendingAsync(), Is.Zero);
            Assert.That(await Buffer.CountedBytesAsync(), Is.Zero);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_TwoInstances_ShareTheWorkAndStoreEachReportOnce(CancellationToken cancellationToken)
    {
        // Arrange
        var postgres = await Servers.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync();
        var reports = Enumerable.Range(0, 2000).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(reports);
        var options = UploaderRun.TestOptions(Prefix, o =>
        {
            o.Sink = "postgres";
            o.Postgres.ConnectionString = database;
        });
        await using var sink = new PostgresReportSink(Options.Create(options));

        // Act
        await using (var first = UploaderRun.Start(Redis, sink, options))
        await using (var second = UploaderRun.Start(Redis, sink, options))
        {
            await Eventually.UntilAsync(async () => await Buffer.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the buffer is drained", cancellationToken);
            Assert.That(first.Uploader.ConsumerName, Is.Not.EqualTo(second.Uploader.ConsumerName));
        }

        // Assert
        var (rows, distinct) = await Stored.PostgresCountsAsync(database);
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(2000));
            Assert.That(distinct, Is.EqualTo(2000));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_SinkThrottles_HonoursRetryAfterAndStoresEverything(CancellationToken cancellationToken)
    {
        // Arrange
        var reports = Enumerable.Range(0, 50).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(reports);
        var options = UploaderRun.TestOptions(Prefix, o => o.Files.Directory = ReportsDirectory);
        await using var files = new FileReportSink(Options.Create(options));
        var sink = new ScriptedSink(files) { Throttles = 3 };

        // Act
        await using (var run = UploaderRun.Start(Redis, sink, options))
        {
            await Eventually.UntilAsync(async () => await Buffer.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the buffer is drained", cancellationToken);
            Assert.That(run.Meters.Sum("telemetry.upload.failures", (UploadMetrics.SinkAttribute, "files"), ("error.type", "throttled")), Is.EqualTo(3));
        }

        // Assert
        var stored = await Stored.FileReportIdsAsync(files);
        Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_StoppedWithBatchInHand_FlushesItBeforeReturning(CancellationToken cancellationToken)
    {
        // Arrange: the batch would wait a minute for more reports.
        var reports = Enumerable.Range(0, 20).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(reports);
        var options = UploaderRun.TestOptions(Prefix, o =>
        {
            o.Files.Directory = ReportsDirectory;
            o.BatchMaxAge = TimeSpan.FromMinutes(1);
        });
        await using var sink = new FileReportSink(Options.Create(options));
        var run = UploaderRun.Start(Redis, sink, options);
        await Eventually.UntilAsync(async () => await Buffer.PendingAsync() == 20, TimeSpan.FromSeconds(30), "every report is in hand", cancellationToken);

        // Act
        await run.DisposeAsync();

        // Assert
        var stored = await Stored.FileReportIdsAsync(sink);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
            Assert.That(await Buffer.LengthAsync(), Is.Zero);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_StoppedWithReportsNotYetRead_StoresThemBeforeReturning(CancellationToken cancellationToken)
    {
        // Arrange: after idling, the uploader polls every few seconds, so reports added just before the stop are unread.
        var options = UploaderRun.TestOptions(Prefix, o =>
        {
            o.Files.Directory = ReportsDirectory;
            o.MaxPollInterval = TimeSpan.FromMinutes(1);
        });
        await using var sink = new FileReportSink(Options.Create(options));
        var run = UploaderRun.Start(Redis, sink, options);
        await Task.Delay(TimeSpan.FromSeconds(3.5), cancellationToken);
        var reports = Enumerable.Range(0, 20).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(reports);

        // Act
        await run.DisposeAsync();

        // Assert
        var stored = await Stored.FileReportIdsAsync(sink);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
            Assert.That(await Buffer.LengthAsync(), Is.Zero);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_GroupDestroyed_RecreatesItAndDrains(CancellationToken cancellationToken)
    {
        // Arrange
        var options = UploaderRun.TestOptions(Prefix, o => o.Files.Directory = ReportsDirectory);
        await using var sink = new FileReportSink(Options.Create(options));
        await using var run = UploaderRun.Start(Redis, sink, options);
        var first = Enumerable.Range(0, 20).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(first);
        await Eventually.UntilAsync(async () => await Buffer.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the first reports are drained", cancellationToken);

        // Act: the groups vanish (as after a Redis restart without data), then more reports arrive.
        for (var shard = 0; shard < 4; shard++)
        {
            await Buffer.Database.ExecuteAsync("XGROUP", "DESTROY", Buffer.Keys.Stream(shard), BufferKeyspace.ConsumerGroup);
        }

        var second = Enumerable.Range(0, 20).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(second);
        await Eventually.UntilAsync(async () => await Buffer.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the second reports are drained", cancellationToken);

        // Assert
        var stored = await Stored.FileReportIdsAsync(sink);
        Assert.That(stored, Is.EquivalentTo(first.Concat(second).Select(r => r.ReportId)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_MalformedEntry_GoesToTheDeadLettersAtOnce(CancellationToken cancellationToken)
    {
        // Arrange
        await Buffer.Database.ExecuteAsync("XADD", Buffer.Keys.Stream(0), "*", "report_id", "x", "product", "mimir", "arrival_ms", "0", "report", (RedisValue)new byte[] { 0xff, 0xff });
        var options = UploaderRun.TestOptions(Prefix, o => o.Files.Directory = ReportsDirectory);
        await using var sink = new FileReportSink(Options.Create(options));

        // Act
        await using (UploaderRun.Start(Redis, sink, options))
        {
            await Eventually.UntilAsync(async () => await Buffer.DeadLetterLengthAsync() == 1, TimeSpan.FromSeconds(30), "the entry is dead-lettered", cancellationToken);
        }

        // Assert
        var letters = new List<DeadLetter>();
        await foreach (var letter in new DeadLetterStore(Redis, Options.Create(UploaderRun.TestOptions(Prefix))).ListAsync(cancellationToken))
        {
            letters.Add(letter);
        }

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(letters, Has.Count.EqualTo(1));
            Assert.That(letters[0].Reason, Does.Contain("not a valid UsageReport"));
            Assert.That(await Buffer.LengthAsync(), Is.Zero);
        });
    }
}
