using System.Globalization;
using StackExchange.Redis;

namespace Telemetry.Ingestion;

/// <summary>
/// Every Redis key the service uses, under one versioned prefix (<see cref="RedisOptions.KeyPrefix"/>).
/// </summary>
/// <remarks>
/// Cluster-correct by design: every script call touches keys of a single hash tag. A buffer shard's stream, its
/// statistics hash and the deduplication keys of the report_ids that hash to it all carry <c>{shard-N}</c>, so
/// the append script's keys live in one cluster slot; a rate-limit key carries its own tag. The service is only
/// tested against a single Redis here, but nothing in it needs more than one slot per call.
/// </remarks>
public sealed class RedisKeyspace
{
    /// <summary>The consumer group the uploader reads each shard stream with; created with the stream.</summary>
    public const string ConsumerGroup = "uploaders";

    private readonly string _prefix;

    public RedisKeyspace(string prefix, int shards)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        if (prefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("The key prefix must not contain braces: they would change the cluster hash tag.", nameof(prefix));
        }

        _prefix = prefix;
        Shards = shards;
    }

    /// <summary>Number of buffer shards.</summary>
    public int Shards { get; }

    /// <summary>
    /// The shard of a report_id: FNV-1a (32 bits) of its characters modulo <see cref="Shards"/>. Stable across
    /// processes and versions, so a retried report lands on the shard holding its deduplication key.
    /// </summary>
    public int ShardOf(string reportId)
    {
        var hash = 2166136261u;
        foreach (var c in reportId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)Shards);
    }

    /// <summary>The stream of shard <paramref name="shard"/>: <c>telemetry:v1:{shard-N}:reports</c>.</summary>
    public RedisKey Stream(int shard) => ShardKey(shard, "reports");

    /// <summary>The statistics hash of a shard (current bytes, entries and bytes ever appended).</summary>
    public RedisKey Stats(int shard) => ShardKey(shard, "stats");

    /// <summary>The deduplication key of a report_id, in the report's shard.</summary>
    public RedisKey Dedup(string reportId) => ShardKey(ShardOf(reportId), "dedup:" + reportId);

    /// <summary>The GCRA state of one instance of one product: <c>telemetry:v1:ratelimit:{product:instance}</c>.</summary>
    public RedisKey RateLimit(string product, string instanceKey) => $"{_prefix}ratelimit:{{{product}:{instanceKey}}}";

    /// <summary>
    /// A key of shard <paramref name="shard"/>, <c>telemetry:v1:{shard-N}:suffix</c>: in the shard's cluster slot, so
    /// one script can touch it together with the shard's stream.
    /// </summary>
    public RedisKey ShardKey(int shard, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"{_prefix}{{shard-{shard}}}:{suffix}");
}
