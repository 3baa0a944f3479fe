using StackExchange.Redis;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// Reads the collector's buffer directly: entries across the shard streams under the default key prefix
/// (<c>telemetry:v1:{shard-N}:reports</c>, 4 shards), to compare with the reports acknowledged as accepted.
/// </summary>
internal sealed class BufferCheck(IConnectionMultiplexer redis)
{
    private const int Shards = 4;

    public async Task<long> CountEntriesAsync()
    {
        var database = redis.GetDatabase();
        var total = 0L;
        for (var shard = 0; shard < Shards; shard++)
        {
            total += (long)await database.ExecuteAsync("XLEN", Stream(shard));
        }

        return total;
    }

    /// <summary>
    /// Empties the buffer between runs as the uploader would, so that repeated runs stay below its high-water marks:
    /// the streams and their statistics are deleted; the collector's append script recreates a stream with its group.
    /// </summary>
    public async Task DrainAsync()
    {
        var database = redis.GetDatabase();
        for (var shard = 0; shard < Shards; shard++)
        {
            await database.KeyDeleteAsync([Stream(shard), $"telemetry:v1:{{shard-{shard}}}:stats"]);
        }
    }

    private static RedisKey Stream(int shard) => $"telemetry:v1:{{shard-{shard}}}:reports";
}
