using System.Globalization;
using StackExchange.Redis;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// What the buffer costs Redis, measured from outside on a real redis-server with the real collector and uploader:
/// the memory a report leaves behind once it is uploaded, and the round trips of one unary call.
/// </summary>
[TestFixture]
public sealed class BufferCostTests
{
    private const int BytesPerReportRetained = 32;

    // Allocator rounding, the stream's and the consumer group's own structures, client buffers.
    private const long ConstantBytes = 128 * 1024;

    [Test]
    [CancelAfter(180_000)]
    public async Task IngestReports_ManyReportsUploaded_RedisMemoryGrowsAtMost32BytesPerReport(CancellationToken cancellationToken)
    {
        // Arrange: eight installations with a generous limit, so the rate-limit state (one key per installation and
        // product) is a constant, and the uploader running in the collector.
        const int ReportCount = 10_000;
        var installations = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid().ToString()).ToArray();
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        await using var collector = await Collector.StartAsync(redis, "memory:", new Dictionary<string, string?>
        {
            ["Upload:RunInCollector"] = "true",
            ["RateLimiting:Default:ReportsPerHour"] = "3600000",
            ["RateLimiting:Default:Burst"] = "100000",
        }, cancellationToken: cancellationToken);
        using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        await IngestAsync(collector, installations, 500, cancellationToken);
        await WaitUntilDrainedAsync(collector, admin, cancellationToken);
        var before = await UsedMemoryAsync(admin);

        // Act
        await IngestAsync(collector, installations, ReportCount, cancellationToken);
        await WaitUntilDrainedAsync(collector, admin, cancellationToken);
        var after = await UsedMemoryAsync(admin);

        await TestContext.Out.WriteLineAsync($"used_memory grew by {after - before} bytes for {ReportCount} uploaded reports");

        // Assert: the earlier design kept a 165-byte key per report for 24 hours, 1.6 MB here.
        Assert.That(after - before, Is.LessThanOrEqualTo((ReportCount * BytesPerReportRetained) + ConstantBytes),
            $"used_memory grew from {before} to {after} bytes for {ReportCount} uploaded reports");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task IngestReports_OneReport_OneRedisRoundTrip(CancellationToken cancellationToken)
    {
        // Arrange: no background reads during the measurement (buffer gauges, memory watch, uploader).
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        await using var collector = await Collector.StartAsync(redis, "roundtrip:", new Dictionary<string, string?>
        {
            ["Metrics:BufferInterval"] = "01:00:00",
            ["Buffer:MemoryCheckInterval"] = "00:01:00",
        }, cancellationToken: cancellationToken);
        using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints().Single());
        // A first call loads the script and creates the streams.
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, cancellationToken: cancellationToken);
        await Task.Delay(500, cancellationToken);
        await server.ConfigResetStatisticsAsync();

        // Act
        var response = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, cancellationToken: cancellationToken);
        var calls = await CommandCallsAsync(server);

        // Assert: one script call; the only other commands are the ones that script runs inside Redis (commandstats
        // counts them too) and this test's own CONFIG RESETSTAT and INFO.
        string[] scriptCommands = ["time", "hmget", "hlen", "xlen", "hexists", "get", "set", "exists", "xadd", "hset", "hincrby"];
        Assert.Multiple(() =>
        {
            Assert.That(response.Results.Single().Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(calls.GetValueOrDefault("evalsha") + calls.GetValueOrDefault("eval"), Is.EqualTo(1), string.Join(", ", calls));
            Assert.That(calls.Keys.Except(["evalsha", "eval", "config", "info", .. scriptCommands]), Is.Empty, string.Join(", ", calls));
            Assert.That(calls.GetValueOrDefault("xadd"), Is.EqualTo(1));
        });
    }

    private static async Task IngestAsync(Collector collector, string[] installations, int count, CancellationToken cancellationToken)
    {
        for (var sent = 0; sent < count; sent += 100)
        {
            var request = new IngestReportsRequest
            {
                Reports = { Enumerable.Range(sent, Math.Min(100, count - sent)).Select(i => Reports.Generic(installations[i % installations.Length])) },
            };
            var response = await collector.Ingest.IngestReportsAsync(request, cancellationToken: cancellationToken);
            Assert.That(response.Results.Select(r => r.Outcome), Is.All.EqualTo(ReportOutcome.Accepted));
        }
    }

    private static async Task WaitUntilDrainedAsync(Collector collector, ConnectionMultiplexer admin, CancellationToken cancellationToken)
    {
        var database = admin.GetDatabase();
        while (true)
        {
            long left = 0;
            for (var shard = 0; shard < collector.Keys.Shards; shard++)
            {
                left += await database.StreamLengthAsync(collector.Keys.Stream(shard));
                left += await database.HashLengthAsync(collector.Keys.ReportIds(shard));
            }

            if (left == 0)
            {
                // Let the uploader's last acknowledgement and the clients' buffers settle.
                await Task.Delay(500, cancellationToken);
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<long> UsedMemoryAsync(ConnectionMultiplexer admin)
    {
        var info = await admin.GetServer(admin.GetEndPoints().Single()).InfoAsync("memory");
        return long.Parse(info.SelectMany(g => g).Single(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);
    }

    // INFO commandstats: "cmdstat_xadd" → "calls=1,usec=…".
    private static async Task<Dictionary<string, long>> CommandCallsAsync(IServer server)
    {
        var info = await server.InfoAsync("commandstats");
        return info.SelectMany(g => g).GroupBy(p => p.Key["cmdstat_".Length..].Split('|')[0]).ToDictionary(
            g => g.Key,
            g => g.Sum(p => long.Parse(p.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture)));
    }
}
