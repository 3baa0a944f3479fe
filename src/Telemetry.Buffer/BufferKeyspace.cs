using System.Globalization;
using StackExchange.Redis;

namespace Telemetry.Buffer;

/// <summary>
/// Every Redis key of the report buffer, under one versioned prefix (<see cref="RedisOptions.KeyPrefix"/>).
/// </summary>
/// <remarks>
/// Cluster-correct by design: every script call touches keys of a single hash tag. A shard's stream, its statistics
/// hash, its report-ids generations, its dead letters and the rate limits of its instances all carry <c>{shard-N}</c>, so each script's keys live in one
/// cluster slot; the upload rate limit carries its own tag.
/// </remarks>
public sealed class BufferKeyspace
{
    /// <summary>The consumer group the uploaders read each shard stream with; created with the stream.</summary>
    public const string ConsumerGroup = "uploaders";

    private readonly string[] _shardPrefixes;
    private readonly RedisKey[] _streams;
    private readonly RedisKey[] _stats;
    private readonly RedisKey[] _reportIds;

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
        // The keys every append and every upload batch name, built once: a string per key and call would be a
        // measurable share of the collector's allocations at tens of thousands of reports per second.
        _shardPrefixes = new string[shards];
        _streams = new RedisKey[shards];
        _stats = new RedisKey[shards];
        _reportIds = new RedisKey[shards];
        for (var shard = 0; shard < shards; shard++)
        {
            _shardPrefixes[shard] = string.Create(CultureInfo.InvariantCulture, $"{prefix}{{shard-{shard}}}:");
            _streams[shard] = ShardKey(shard, "reports");
            _stats[shard] = ShardKey(shard, "stats");
            _reportIds[shard] = ShardKey(shard, "report-ids");
        }
    }

    /// <summary>The key prefix, such as <c>telemetry:v1:</c>.</summary>
    public string Prefix { get; }

    /// <summary>Number of buffer shards.</summary>
    public int Shards { get; }

    /// <summary>
    /// The shard of an instance key (<see cref="InstanceKeys"/>): FNV-1a (32 bits) of its characters modulo
    /// <see cref="Shards"/>. Stable across processes and versions, so every report of an installation, and every
    /// retry of a report, lands on the shard that holds the installation's rate limit and the report's report_id.
    /// </summary>
    public int ShardOf(string instanceKey)
    {
        var hash = 2166136261u;
        foreach (var c in instanceKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)Shards);
    }

    /// <summary>The stream of shard <paramref name="shard"/>: <c>telemetry:v1:{shard-N}:reports</c>.</summary>
    public RedisKey Stream(int shard) => _streams[shard];

    /// <summary>The statistics hash of a shard (<see cref="BufferFields.StatsBytes"/> and the append counters).</summary>
    public RedisKey Stats(int shard) => _stats[shard];

    /// <summary>The dead-letter stream of a shard: <c>telemetry:v1:{shard-N}:dead-letters</c>.</summary>
    public RedisKey DeadLetters(int shard) => ShardKey(shard, "dead-letters");

    /// <summary>
    /// The report-ids hash of a shard's generation 0, <c>telemetry:v1:{shard-N}:report-ids</c>; generation N is
    /// <c>…:report-ids:N</c>. Together they map report_id → stream entry ID of every report still in the shard's
    /// stream (and of some already uploaded), which the append script checks for duplicates; a generation is dropped
    /// whole once the stream has left it behind (<see cref="Scripts.ReportIdGenerations"/>).
    /// </summary>
    public RedisKey ReportIds(int shard) => _reportIds[shard];

    /// <summary>
    /// The GCRA state of one instance of one product, <c>telemetry:v1:{shard-N}:ratelimit:product:instance</c>, in the
    /// instance's shard, so the append script checks it together with the append.
    /// </summary>
    public RedisKey RateLimit(int shard, string product, string instanceKey) =>
        string.Concat(_shardPrefixes[shard], "ratelimit:", product, ":", instanceKey);

    /// <summary>
    /// The GCRA state of the upload rate limit shared by every uploader instance; one hash tag, so the batch and
    /// byte limits are checked in one script call.
    /// </summary>
    public RedisKey UploadRateLimit(string sink, string dimension) => $"{Prefix}upload:{{ratelimit:{sink}}}:{dimension}";

    /// <summary>
    /// The lease of one uploader instance, <c>telemetry:v1:uploader:consumer:lease</c>: set with a short expiry and
    /// renewed while the uploader runs, so the others can tell a consumer that stopped from one that is busy.
    /// </summary>
    public RedisKey UploaderLease(string consumer) => $"{Prefix}uploader:{consumer}:lease";

    /// <summary>
    /// A key of shard <paramref name="shard"/>, <c>telemetry:v1:{shard-N}:suffix</c>: in the shard's cluster slot, so
    /// one script can touch it together with the shard's stream.
    /// </summary>
    public RedisKey ShardKey(int shard, string suffix) => _shardPrefixes[shard] + suffix;
}
