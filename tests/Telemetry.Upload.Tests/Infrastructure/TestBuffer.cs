using System.Globalization;
using Google.Protobuf;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.V1;

namespace Telemetry.Upload.Tests.Infrastructure;

/// <summary>
/// Writes reports into the shard streams exactly as the ingestion buffer does (XADD with report_id, product,
/// arrival_ms and report; the shard's byte counter; the uploaders group), and reads the buffer's state back.
/// </summary>
public sealed class TestBuffer(IConnectionMultiplexer redis, BufferKeyspace keys)
{
    public BufferKeyspace Keys => keys;

    public IConnectionMultiplexer Redis => redis;

    public IDatabase Database => redis.GetDatabase();

    /// <summary>The buffer's shard function.</summary>
    public int ShardOf(string key) => keys.ShardOf(key);

    public async Task CreateGroupsAsync()
    {
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            try
            {
                await Database.ExecuteAsync("XGROUP", "CREATE", keys.Stream(shard), BufferKeyspace.ConsumerGroup, "0", "MKSTREAM");
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
            }
        }
    }

    public async Task AddAsync(UsageReport report, string product = "mimir")
    {
        var shard = ShardOf(report.ReportId);
        var bytes = report.ToByteArray();
        var arrival = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await Database.ExecuteAsync("XADD", keys.Stream(shard), "*", "report_id", report.ReportId, "product", product, "arrival_ms", arrival, "report", bytes);
        await Database.HashIncrementAsync(keys.Stats(shard), BufferFields.StatsBytes, bytes.Length);
    }

    public async Task AddManyAsync(IEnumerable<UsageReport> reports)
    {
        var batch = Database.CreateBatch();
        var tasks = new List<Task>();
        var arrival = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var report in reports)
        {
            var shard = ShardOf(report.ReportId);
            var bytes = report.ToByteArray();
            tasks.Add(batch.ExecuteAsync("XADD", keys.Stream(shard), "*", "report_id", report.ReportId, "product", "mimir", "arrival_ms", arrival, "report", bytes));
            tasks.Add(batch.HashIncrementAsync(keys.Stats(shard), BufferFields.StatsBytes, bytes.Length));
            if (tasks.Count >= 2000)
            {
                batch.Execute();
                await Task.WhenAll(tasks);
                tasks.Clear();
                batch = Database.CreateBatch();
            }
        }

        batch.Execute();
        await Task.WhenAll(tasks);
    }

    /// <summary>Entries left in every shard stream.</summary>
    public async Task<long> LengthAsync()
    {
        long total = 0;
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            total += (long)await Database.ExecuteAsync("XLEN", keys.Stream(shard));
        }

        return total;
    }

    /// <summary>Entries pending (delivered, not acknowledged) in every shard.</summary>
    public async Task<long> PendingAsync()
    {
        long total = 0;
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            var summary = (RedisResult[])(await Database.ExecuteAsync("XPENDING", keys.Stream(shard), BufferKeyspace.ConsumerGroup))!;
            total += (long)summary[0];
        }

        return total;
    }

    public async Task<long> DeadLetterLengthAsync()
    {
        long total = 0;
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            total += (long)await Database.ExecuteAsync("XLEN", keys.DeadLetters(shard));
        }

        return total;
    }

    /// <summary>The sum of the shards' byte counters.</summary>
    public async Task<long> CountedBytesAsync()
    {
        long total = 0;
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            total += (long)await Database.HashGetAsync(keys.Stats(shard), BufferFields.StatsBytes);
        }

        return total;
    }
}
