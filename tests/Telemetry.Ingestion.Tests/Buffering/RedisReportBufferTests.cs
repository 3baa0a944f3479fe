using Google.Protobuf;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Ingestion.Tests.Buffering;

[TestFixture]
public sealed class RedisReportBufferTests
{
    [Test]
    [CancelAfter(20000)]
    public async Task AppendAsync_ConcurrentReportsAndRetries_EachStoredExactlyOnce(CancellationToken cancellationToken)
    {
        // Arrange: 500 reports; every one is sent twice at once (a client retrying before the first answer), and a
        // third time afterwards.
        using var services = IngestionServices.Create(SharedRedis.Server);
        var buffer = services.Get<IReportBuffer>();
        var keys = services.Get<BufferKeyspace>();
        await buffer.InitializeAsync(cancellationToken);
        var reports = Enumerable.Range(0, 500).Select(_ => TestReports.Mimir()).ToList();

        // Act
        var results = new System.Collections.Concurrent.ConcurrentBag<(string ReportId, AppendStatus Status)>();
        await Parallel.ForEachAsync(
            reports.Concat(reports),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (report, token) =>
            {
                var result = await buffer.AppendAsync(report.ToByteArray(), report.ReportId, "mimir");
                results.Add((report.ReportId, result.Status));
            });
        var retries = await Task.WhenAll(reports.Take(50).Select(r => buffer.AppendAsync(r.ToByteArray(), r.ReportId, "mimir")));
        var entries = await BufferInspector.ReadAllAsync(services.Redis, keys);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(results.GroupBy(r => r.ReportId).Select(g => g.Select(r => r.Status).Order()),
                Is.All.EqualTo(new[] { AppendStatus.Accepted, AppendStatus.Duplicate }));
            Assert.That(retries.Select(r => r.Status), Is.All.EqualTo(AppendStatus.Duplicate));
            Assert.That(entries, Has.Count.EqualTo(500));
            Assert.That(entries.Select(e => e.ReportId).Distinct().Count(), Is.EqualTo(500));
            Assert.That(entries.Select(e => e.Shard).Distinct().Count(), Is.EqualTo(4), "reports spread over every shard");
            Assert.That(entries.All(e => e.Shard == keys.ShardOf(e.ReportId)), Is.True);
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AppendAsync_Accepted_EntryHoldsReportIdProductArrivalAndBytes(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server);
        var buffer = services.Get<IReportBuffer>();
        var report = TestReports.Generic("loki");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // Act
        var result = await buffer.AppendAsync(report.ToByteArray(), report.ReportId, "loki");
        var entry = (await BufferInspector.ReadAllAsync(services.Redis, services.Get<BufferKeyspace>())).Single();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(AppendStatus.Accepted));
            Assert.That(result.EntryId, Is.EqualTo(entry.Id));
            Assert.That(entry.ReportId, Is.EqualTo(report.ReportId));
            Assert.That(entry.Product, Is.EqualTo("loki"));
            Assert.That(entry.ArrivalMs, Is.InRange(before - 1000, before + 5000));
            Assert.That(UsageReport.Parser.ParseFrom(entry.Report), Is.EqualTo(report));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task InitializeAsync_TwiceOnEmptyRedis_CreatesGroupOnEveryShard(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server);
        var buffer = services.Get<IReportBuffer>();
        var keys = services.Get<BufferKeyspace>();

        // Act: the second call meets BUSYGROUP and ignores it.
        await buffer.InitializeAsync(cancellationToken);
        await buffer.InitializeAsync(cancellationToken);

        // Assert
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            var groups = (RedisResult[])(await services.Redis.GetDatabase().ExecuteAsync("XINFO", "GROUPS", keys.Stream(shard)))!;
            var group = (RedisResult[])groups.Single()!;
            Assert.That((string?)group[1], Is.EqualTo(BufferKeyspace.ConsumerGroup));
        }
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AppendAsync_StreamMissing_CreatesStreamWithGroup(CancellationToken cancellationToken)
    {
        // Arrange: no InitializeAsync, as when Redis was down at start or lost its data.
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?> { ["Buffer:Shards"] = "1" });
        var buffer = services.Get<IReportBuffer>();
        var report = TestReports.Mimir();

        // Act
        await buffer.AppendAsync(report.ToByteArray(), report.ReportId, "mimir");
        var read = await services.Redis.GetDatabase().StreamReadGroupAsync(
            services.Get<BufferKeyspace>().Stream(0), BufferKeyspace.ConsumerGroup, "uploader-1", StreamPosition.NewMessages, 10);

        // Assert: the group exists and sees the entry appended before anyone read.
        Assert.That(read, Has.Length.EqualTo(1));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AppendAsync_AboveEntryHighWaterMark_OverloadedAndNothingTrimmed(CancellationToken cancellationToken)
    {
        // Arrange: one shard holding at most five entries.
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["Buffer:Shards"] = "1",
            ["Buffer:MaxEntriesPerShard"] = "5",
        });
        var buffer = services.Get<IReportBuffer>();
        var reports = Enumerable.Range(0, 8).Select(_ => TestReports.Mimir()).ToList();

        // Act
        var results = new List<AppendResult>();
        foreach (var report in reports)
        {
            results.Add(await buffer.AppendAsync(report.ToByteArray(), report.ReportId, "mimir"));
        }

        var retryOfAccepted = await buffer.AppendAsync(reports[0].ToByteArray(), reports[0].ReportId, "mimir");
        var entries = await BufferInspector.ReadAllAsync(services.Redis, services.Get<BufferKeyspace>());
        var refusedSeen = await services.Redis.GetDatabase().HashExistsAsync(services.Get<BufferKeyspace>().ReportIds(0), reports[5].ReportId);

        // Assert: refused with a bounded delay (nothing drains here, so the maximum); the accepted five all remain;
        // a retry of an accepted report is still a duplicate, not overloaded; a refused report is not remembered, so
        // its retry is appended once there is room.
        Assert.Multiple(() =>
        {
            Assert.That(refusedSeen, Is.False);
            Assert.That(results.Take(5).Select(r => r.Status), Is.All.EqualTo(AppendStatus.Accepted));
            Assert.That(results.Skip(5).Select(r => r.Status), Is.All.EqualTo(AppendStatus.Overloaded));
            Assert.That(results.Skip(5).Select(r => r.RetryDelay), Is.All.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
            Assert.That(entries.Select(e => e.ReportId), Is.EqualTo(reports.Take(5).Select(r => r.ReportId)));
            Assert.That(retryOfAccepted.Status, Is.EqualTo(AppendStatus.Duplicate));
        });
    }

    [Test]
    [CancelAfter(10000)]
    public async Task AppendAsync_ManyAtOnceCrossingEntryHighWaterMark_AcceptsUpToTheMarkEachWithItsOwnResult(CancellationToken cancellationToken)
    {
        // Arrange: one shard of at most 50 entries; 300 reports sent at once (so they share script calls), each twice.
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["Buffer:Shards"] = "1",
            ["Buffer:MaxEntriesPerShard"] = "50",
        });
        var buffer = services.Get<IReportBuffer>();
        var reports = Enumerable.Range(0, 300).Select(_ => TestReports.Mimir()).ToList();

        // Act
        var results = await Task.WhenAll(reports.Concat(reports)
            .Select(r => buffer.AppendAsync(r.ToByteArray(), r.ReportId, "mimir")));
        var entries = await BufferInspector.ReadAllAsync(services.Redis, services.Get<BufferKeyspace>());
        var accepted = results.Where(r => r.Status == AppendStatus.Accepted).ToList();

        // Assert: exactly the mark is accepted, each accepted result names its own entry, the rest are duplicates or
        // refused with a bounded delay.
        Assert.Multiple(() =>
        {
            Assert.That(accepted, Has.Count.EqualTo(50));
            Assert.That(entries.Select(e => e.Id), Is.EquivalentTo(accepted.Select(r => r.EntryId)));
            Assert.That(entries.Select(e => e.ReportId), Is.Unique);
            Assert.That(results.Select(r => r.Status), Is.All.AnyOf(AppendStatus.Accepted, AppendStatus.Duplicate, AppendStatus.Overloaded));
            Assert.That(results.Where(r => r.Status == AppendStatus.Overloaded).Select(r => r.RetryDelay),
                Is.All.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AppendAsync_AboveByteHighWaterMark_Overloaded(CancellationToken cancellationToken)
    {
        // Arrange: one shard holding at most 1000 payload bytes.
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["Buffer:Shards"] = "1",
            ["Buffer:MaxBytesPerShard"] = "1000",
        });
        var buffer = services.Get<IReportBuffer>();
        var payload = new byte[300];

        // Act
        var statuses = new List<AppendStatus>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await buffer.AppendAsync(payload, Guid.NewGuid().ToString(), "mimir")).Status);
        }

        var status = (await buffer.GetStatusAsync(cancellationToken)).Single();

        // Assert: four appends reach 1200 bytes, at or above the mark; the rest are refused.
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.EqualTo(new[] { AppendStatus.Accepted, AppendStatus.Accepted, AppendStatus.Accepted, AppendStatus.Accepted, AppendStatus.Overloaded, AppendStatus.Overloaded }));
            Assert.That(status.Bytes, Is.EqualTo(1200));
            Assert.That(status.Entries, Is.EqualTo(4));
        });
    }

    [Test]
    [CancelAfter(10000)]
    public async Task AppendAsync_OverloadedWhileDraining_RetryDelayFollowsDrainRate(CancellationToken cancellationToken)
    {
        // Arrange: one shard of ten entries, low-water mark eight, no lower clamp to speak of.
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["Buffer:Shards"] = "1",
            ["Buffer:MaxEntriesPerShard"] = "10",
            ["Buffer:LowWaterFraction"] = "0.8",
            ["Buffer:MinRetryDelay"] = "00:00:00.010",
        });
        var buffer = services.Get<IReportBuffer>();
        await buffer.InitializeAsync(cancellationToken);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await buffer.AppendAsync(new byte[10], Guid.NewGuid().ToString(), "mimir")).EntryId!);
        }

        // Act: the uploader deletes four entries in a little over a second (≈ 3.5 entries/s), the shard refills.
        await buffer.GetStatusAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(600), cancellationToken);
        await BufferInspector.RemoveAsUploaderAsync(services.Redis, services.Get<BufferKeyspace>(), 0, ids.Take(4).ToList(), bytes: 40);
        await Task.Delay(TimeSpan.FromMilliseconds(600), cancellationToken);
        await buffer.GetStatusAsync(cancellationToken);
        for (var i = 0; i < 4; i++)
        {
            await buffer.AppendAsync(new byte[10], Guid.NewGuid().ToString(), "mimir");
        }

        var refused = await buffer.AppendAsync(new byte[10], Guid.NewGuid().ToString(), "mimir");

        // Assert: two entries above the low-water mark at ≈ 3.3 entries/s: about 0.6 s, ±10% jitter (wider bounds
        // absorb a slow machine stretching the delays; the clamps are 10 ms and 5 min).
        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(AppendStatus.Overloaded));
            Assert.That(refused.RetryDelay, Is.InRange(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task GetStatusAsync_AfterAppends_ReportsDepthAndOldestEntryAgePerShard(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server);
        var buffer = services.Get<IReportBuffer>();
        var keys = services.Get<BufferKeyspace>();
        await buffer.InitializeAsync(cancellationToken);
        var reportId = Guid.NewGuid().ToString();
        await buffer.AppendAsync(new byte[10], reportId, "mimir");
        await Task.Delay(150, cancellationToken);

        // Act
        var statuses = await buffer.GetStatusAsync(cancellationToken);

        // Assert
        var shard = keys.ShardOf(reportId);
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Has.Count.EqualTo(4));
            Assert.That(statuses[shard].Entries, Is.EqualTo(1));
            Assert.That(statuses[shard].OldestEntryAge, Is.InRange(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5)));
            Assert.That(statuses.Where(s => s.Shard != shard).Select(s => s.OldestEntryAge), Is.All.Null);
            Assert.That(statuses.Sum(s => s.Entries), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AppendAsync_ReportIdRememberedWhileBufferedOnly_NothingLeftAfterAcknowledgement(CancellationToken cancellationToken)
    {
        // Arrange
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?> { ["Buffer:Shards"] = "1" });
        var buffer = services.Get<IReportBuffer>();
        var keys = services.Get<BufferKeyspace>();
        var database = services.Redis.GetDatabase();
        var reportId = Guid.NewGuid().ToString();

        // Act: appended, retried, acknowledged by the uploader's script, retried again.
        var first = await buffer.AppendAsync(new byte[1], reportId, "mimir");
        var remembered = await database.HashGetAsync(keys.ReportIds(0), reportId);
        var retry = await buffer.AppendAsync(new byte[1], reportId, "mimir");
        await database.StreamReadGroupAsync(keys.Stream(0), BufferKeyspace.ConsumerGroup, "uploader", StreamPosition.NewMessages, 10);
        await database.ScriptEvaluateAsync(
            AcknowledgeScript.Lua, AcknowledgeScript.Keys(keys, 0), AcknowledgeScript.Arguments([first.EntryId!], 1, StreamIds.Next(first.EntryId!)));
        var keysLeft = await database.ScriptEvaluateAsync("return redis.call('KEYS', ARGV[1])", values: [keys.Prefix + "*"]);
        var rateLimitTtl = await database.KeyTimeToLiveAsync(keys.RateLimit(0, "mimir", reportId));
        var afterUpload = await buffer.AppendAsync(new byte[1], reportId, "mimir");

        // Assert: remembered with its entry while buffered; nothing of it remains once uploaded (no key but the
        // statistics hash, the stream and the instance's rate limit, which expires once its bucket is full again,
        // one emission interval at the defaults); a retry after the upload is a new entry, which the sinks store once.
        Assert.Multiple(() =>
        {
            Assert.That((string?)remembered, Is.EqualTo(first.EntryId));
            Assert.That(retry.Status, Is.EqualTo(AppendStatus.Duplicate));
            Assert.That(((RedisResult[])keysLeft!).Select(k => (string?)k), Is.EquivalentTo(new[] { (string?)keys.Stream(0), (string?)keys.Stats(0), (string?)keys.RateLimit(0, "mimir", reportId) }));
            Assert.That(rateLimitTtl, Is.InRange(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5)));
            Assert.That(afterUpload.Status, Is.EqualTo(AppendStatus.Accepted));
        });
    }
}
