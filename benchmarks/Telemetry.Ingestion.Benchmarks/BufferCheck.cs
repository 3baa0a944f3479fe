using StackExchange.Redis;
using Telemetry.Buffer;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// Reads the collector's buffer directly, through its key layout with the default settings (<see cref="Keys"/>), to
/// compare the entries across the shard streams with the reports acknowledged as accepted.
/// </summary>
internal sealed class BufferCheck(IConnectionMultiplexer redis)
{
    /// <summary>The buffer's keys under the collector's default prefix and shard count.</summary>
    public static BufferKeyspace Keys { get; } = new(new RedisOptions().KeyPrefix, new Buffering.BufferOptions().Shards);

    public async Task<long> CountEntriesAsync()
    {
        var database = redis.GetDatabase();
        var total = 0L;
        for (var shard = 0; shard < Keys.Shards; shard++)
        {
            total += (long)await database.ExecuteAsync("XLEN", Keys.Stream(shard));
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
        for (var shard = 0; shard < Keys.Shards; shard++)
        {
            await database.KeyDeleteAsync([Keys.Stream(shard), Keys.Stats(shard)]);
        }
    }
}
