using System.Globalization;
using StackExchange.Redis;

namespace Telemetry.Ingestion.Tests.Infrastructure;

/// <summary>Reads the buffer's streams directly, the way the uploader will.</summary>
internal static class BufferInspector
{
    public static async Task<IReadOnlyList<StreamEntry>> ReadAllAsync(IConnectionMultiplexer redis, RedisKeyspace keys)
    {
        var entries = new List<StreamEntry>();
        var database = redis.GetDatabase();
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            var reply = (RedisResult[])(await database.ExecuteAsync("XRANGE", keys.Stream(shard), "-", "+"))!;
            foreach (RedisResult[] entry in reply.Cast<RedisResult>())
            {
                var fields = (RedisResult[])entry[1]!;
                var values = new Dictionary<string, RedisValue>();
                for (var i = 0; i < fields.Length; i += 2)
                {
                    values[(string)fields[i]!] = (RedisValue)fields[i + 1];
                }

                entries.Add(new StreamEntry(
                    shard,
                    (string)entry[0]!,
                    (string)values["report_id"]!,
                    (string)values["product"]!,
                    long.Parse((string)values["arrival_ms"]!, CultureInfo.InvariantCulture),
                    (byte[])values["report"]!));
            }
        }

        return entries;
    }

    public static async Task<long> LengthAsync(IConnectionMultiplexer redis, RedisKeyspace keys)
    {
        long total = 0;
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            total += (long)await redis.GetDatabase().ExecuteAsync("XLEN", keys.Stream(shard));
        }

        return total;
    }
}
