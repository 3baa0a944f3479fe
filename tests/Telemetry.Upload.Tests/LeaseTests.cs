using Google.Protobuf;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Upload.Sinks;
using Telemetry.Upload.Tests.Infrastructure;
using Telemetry.Upload.Tests.TestObjects;

namespace Telemetry.Upload.Tests;

/// <summary>
/// Uploader leases and graceful stops: the reports an uploader leaves pending wait a lease, not the claim idle time,
/// and a graceful stop leaves nothing pending.
/// </summary>
[TestFixture]
public sealed class LeaseTests : BufferAndFilesFixture
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Run_ConsumerWithoutLeaseHoldsReports_ClaimsThemAfterTheLeaseNotTheClaimIdleTime(CancellationToken cancellationToken)
    {
        // Arrange: a consumer that read reports and died (no lease); the claim idle time is far away.
        var reports = await AddAndHoldAsync("crashed", 40);
        var options = TestOptions(o => o.ClaimIdleTime = TimeSpan.FromMinutes(10));
        await using var sink = new FileReportSink(Options.Create(options));

        // Act
        await using var run = UploaderRun.Start(Redis, sink, options);
        await Eventually.UntilAsync(async () => await Buffer.LengthAsync() == 0, TimeSpan.FromSeconds(20), "the orphaned reports are stored", cancellationToken);

        // Assert
        var stored = await Stored.FileReportIdsAsync(sink);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EquivalentTo(reports));
            Assert.That(run.Meters.Sum("telemetry.upload.claimed"), Is.EqualTo(40));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_ConsumerWithLiveLeaseHoldsReports_LeavesThemUntilTheLeaseExpires(CancellationToken cancellationToken)
    {
        // Arrange: a busy consumer whose lease runs for 4 more seconds.
        var keys = new BufferKeyspace(Prefix, 4);
        await Redis.GetDatabase().StringSetAsync(keys.UploaderLease("busy"), 1, TimeSpan.FromSeconds(4));
        var reports = await AddAndHoldAsync("busy", 40);
        var options = TestOptions(o => o.ClaimIdleTime = TimeSpan.FromMinutes(10));
        await using var sink = new FileReportSink(Options.Create(options));

        // Act
        await using var run = UploaderRun.Start(Redis, sink, options);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var pendingWhileLeased = await Buffer.PendingAsync();
        await Eventually.UntilAsync(async () => await Buffer.LengthAsync() == 0, TimeSpan.FromSeconds(20), "the reports are stored once the lease expired", cancellationToken);

        // Assert
        var stored = await Stored.FileReportIdsAsync(sink);
        Assert.Multiple(() =>
        {
            Assert.That(pendingWhileLeased, Is.EqualTo(40), "a live lease holder keeps its reports");
            Assert.That(stored, Is.EquivalentTo(reports));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_OwnEntriesDeliveredWithoutItsKnowledge_TakesThemBackWithinALease(CancellationToken cancellationToken)
    {
        // Arrange: a running uploader; the claim idle time is far away and its own lease stays live.
        var options = TestOptions(o => o.ClaimIdleTime = TimeSpan.FromMinutes(10));
        await using var sink = new FileReportSink(Options.Create(options));
        await using var run = UploaderRun.Start(Redis, sink, options);
        var keys = new BufferKeyspace(Prefix, 4);
        await Eventually.UntilAsync(() => Redis.GetDatabase().KeyExistsAsync(keys.UploaderLease(run.Uploader.ConsumerName)), TimeSpan.FromSeconds(10), "the lease is taken", cancellationToken);

        // Act: reports appended and delivered to its consumer in one transaction, as when Redis delivered them but
        // the reply was lost (a cut connection, or a restart from the append-only file).
        var reports = Enumerable.Range(0, 20).Select(_ => TestReports.Create()).ToList();
        var transaction = Redis.GetDatabase().CreateTransaction();
        var appended = reports.Select(r => transaction.StreamAddAsync(keys.Stream(keys.ShardOf(r.ReportId)),
            [new("report_id", r.ReportId), new("product", "mimir"), new("arrival_ms", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), new("report", r.ToByteArray())])).ToList();
        var delivered = Enumerable.Range(0, 4).Select(shard => transaction.StreamReadGroupAsync(keys.Stream(shard), BufferKeyspace.ConsumerGroup, run.Uploader.ConsumerName, StreamPosition.NewMessages, 100)).ToList();
        Assert.That(await transaction.ExecuteAsync(), Is.True);
        var deliveredCount = (await Task.WhenAll(delivered)).Sum(d => d.Length);
        await Eventually.UntilAsync(async () => await Buffer.LengthAsync() == 0, TimeSpan.FromSeconds(15), "the uploader takes its own entries back", cancellationToken);

        // Assert
        var stored = await Stored.FileReportIdsAsync(sink);
        Assert.Multiple(() =>
        {
            Assert.That(deliveredCount, Is.EqualTo(20), "every report was delivered behind the uploader's back");
            Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_Running_HoldsItsLeaseAndReleasesItWhenStopped(CancellationToken cancellationToken)
    {
        // Arrange
        var options = TestOptions();
        await using var sink = new FileReportSink(Options.Create(options));
        var run = UploaderRun.Start(Redis, sink, options);
        var lease = new BufferKeyspace(Prefix, 4).UploaderLease(run.Uploader.ConsumerName);
        await Eventually.UntilAsync(() => Redis.GetDatabase().KeyExistsAsync(lease), TimeSpan.FromSeconds(10), "the lease is taken", cancellationToken);

        // Act: longer than a lease, then a graceful stop.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var heldAfterTwoLeases = await Redis.GetDatabase().KeyExistsAsync(lease);
        await run.DisposeAsync();

        // Assert
        var heldAfterStop = await Redis.GetDatabase().KeyExistsAsync(lease);
        Assert.Multiple(() =>
        {
            Assert.That(heldAfterTwoLeases, Is.True, "renewed while running");
            Assert.That(heldAfterStop, Is.False, "released at the stop");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_StoppedWhileUploadInFlight_FinishesItAndLeavesNothingPending(CancellationToken cancellationToken)
    {
        // Arrange: every write takes 1.5 s; stop while the first is in flight.
        var reports = Enumerable.Range(0, 40).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(reports);
        var options = TestOptions(o => o.ClaimIdleTime = TimeSpan.FromMinutes(10));
        await using var files = new FileReportSink(Options.Create(options));
        var sink = new SlowSink(files, TimeSpan.FromSeconds(1.5));
        var run = UploaderRun.Start(Redis, sink, options);
        await Eventually.UntilAsync(() => Task.FromResult(sink.WritesStarted > 0), TimeSpan.FromSeconds(10), "an upload is in flight", cancellationToken);

        // Act
        await run.DisposeAsync();

        // Assert
        var stored = await Stored.FileReportIdsAsync(files);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Buffer.PendingAsync(), Is.Zero, "nothing left pending for a claim");
            Assert.That(await Buffer.LengthAsync(), Is.Zero);
            Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
        });
    }

    private UploadOptions TestOptions(Action<UploadOptions>? configure = null) =>
        UploaderRun.TestOptions(Prefix, o =>
        {
            o.Files.Directory = ReportsDirectory;
            o.LeaseTime = TimeSpan.FromSeconds(1);
            configure?.Invoke(o);
        });

    /// <summary>Adds reports and reads every one of them as <paramref name="consumer"/>, which never acknowledges.</summary>
    private async Task<List<string>> AddAndHoldAsync(string consumer, int count)
    {
        var reports = Enumerable.Range(0, count).Select(_ => TestReports.Create()).ToList();
        await Buffer.AddManyAsync(reports);
        for (var shard = 0; shard < Buffer.Keys.Shards; shard++)
        {
            await Buffer.Database.StreamReadGroupAsync(Buffer.Keys.Stream(shard), BufferKeyspace.ConsumerGroup, consumer, StreamPosition.NewMessages, count);
        }

        Assert.That(await Buffer.PendingAsync(), Is.EqualTo(count));
        return reports.Select(r => r.ReportId).ToList();
    }
}
