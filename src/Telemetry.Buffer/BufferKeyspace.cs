using System.Globalization;
using StackExchange.Redis;

namespace Telemetry.Buffer;

/// <summary>
/// Every Redis key of the report buffer, under one versioned prefix (<see cref="RedisOptions.KeyPrefix"/>).
/// </summary>
/// <remarks>
/// Cluster-correct by design: every script call touches keys of a single hash tag. A shard's stream, its statistics
/// hash, its dead letters and its deduplication keys all carry <c>{shard-N}</c>, so each script's keys live in one
/// cluster slot; the upload rate limit carries its own tag.
/// </remarks>
public sealed class BufferKeyspace
{
    /// <summary>The consumer group the uploaders read each shard stream with; created with the stream.</summary>
    public const string ConsumerGroup = "uploaders";

    public BufferKeyspace(string prefix, int shards)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        if (prefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("The key prefix must not contain braces: they would change the cluster hash tag.", nameof(prefix));
        }

        Prefix = prefix;
        Shards = shards;
    }

    /// <summary>The key prefix, such as <c>telemetry:v1:</c>.</summary>
    public string Prefix { get; }

    /// <summary>Number of buffer shards.</summary>
    public int Shards { get; }

    /// <summary>
    /// The shard of a key: FNV-1a (32 bits) of its characters modulo <see cref="Shards"/>. Stable across processes
    /// and versions.
    /// </summary>
    public int ShardOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)Shards);
    }

    /// <summary>The stream of shard <paramref name="shard"/>: <c>telemetry:v1:{shard-N}:reports</c>.</summary>
    public RedisKey Stream(int shard) => ShardKey(shard, "reports");

    /// <summary>The statistics hash of a shard (<see cref="BufferFields.StatsBytes"/> and the append counters).</summary>
    public RedisKey Stats(int shard) => ShardKey(shard, "stats");

    /// <summary>The dead-letter stream of a shard: <c>telemetry:v1:{shard-N}:dead-letters</c>.</summary>
    public RedisKey DeadLetters(int shard) => ShardKey(shard, "dead-letters");

    /// <summary>The deduplication key of a report_id, in the report's shard.</summary>
    public RedisKey Dedup(string reportId) => ShardKey(ShardOf(reportId), "dedup:" + reportId);

    /// <summary>The GCRA state of one instance of one product: <c>telemetry:v1:ratelimit:{product:instance}</c>.</summary>
    public RedisKey RateLimit(string product, string instanceKey) => $"{Prefix}ratelimit:{{{product}:{instanceKey}}}";

    /// <summary>
    /// The GCRA state of the upload rate limit shared by every uploader instance; one hash tag, so the batch and
    /// byte limits are checked in one script call.
    /// </summary>
    public RedisKey UploadRateLimit(string sink, string dimension) => $"{Prefix}upload:{{ratelimit:{sink}}}:{dimension}";

    /// <summary>
    /// A key of shard <paramref name="shard"/>, <c>telemetry:v1:{shard-N}:suffix</c>: in the shard's cluster slot, so
    /// one script can touch it together with the shard's stream.
    /// </summary>
    public RedisKey ShardKey(int shard, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{{shard-{shard}}}:{suffix}");
}
