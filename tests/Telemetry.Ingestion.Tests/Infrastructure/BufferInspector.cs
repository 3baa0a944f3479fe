using System.Globalization;
using StackExchange.Redis;
using Telemetry.Buffer;

namespace Telemetry.Ingestion.Tests.Infrastructure;

/// <summary>Reads the buffer's streams directly, the way the uploader will.</summary>
internal static class BufferInspector
{
    public static async Task<IReadOnlyList<StreamEntry>> ReadAllAsync(IConnectionMultiplexer redis, BufferKeyspace keys)
    {
        var entries = new List<StreamEntry>();
        var database = redis.GetDatabase();
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            foreach (var entry in await database.StreamRangeAsync(keys.Stream(shard)))
            {
                var values = entry.Values.ToDictionary(v => (string)v.Name!, v => v.Value);
                entries.Add(new StreamEntry(
                    shard,
                    (string)entry.Id!,
                    (string)values["report_id"]!,
                    (string)values["product"]!,
                    long.Parse((string)values["arrival_ms"]!, CultureInfo.InvariantCulture),
                    (byte[])values["report"]!));
            }
        }

        return entries;
    }

    /// <summary>Removes entries and their bytes from a shard as the uploader does once they are stored.</summary>
    public static async Task RemoveAsUploaderAsync(IConnectionMultiplexer redis, BufferKeyspace keys, int shard, IReadOnlyList<string> entryIds, long bytes)
    {
        var database = redis.GetDatabase();
        await database.StreamDeleteAsync(keys.Stream(shard), [.. entryIds.Select(id => (RedisValue)id)]);
        await database.HashIncrementAsync(keys.Stats(shard), "bytes", -bytes);
    }

    public static async Task<long> LengthAsync(IConnectionMultiplexer redis, BufferKeyspace keys)
    {
        long total = 0;
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            total += (long)await redis.GetDatabase().ExecuteAsync("XLEN", keys.Stream(shard));
        }

        return total;
    }
}
