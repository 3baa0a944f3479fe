using System.Globalization;
using StackExchange.Redis;

namespace Telemetry.Upload;

/// <summary>
/// The Redis keys of the report buffer as the ingestion side writes them, and the uploader's own keys beside them.
/// </summary>
/// <remarks>
/// Every key of one shard carries the hash tag <c>{shard-N}</c>, so each script touches a single cluster slot: the
/// stream <c>telemetry:v1:{shard-N}:reports</c>, its dead-letter stream and its statistics hash. This is the one
/// place that knows the layout of <c>Telemetry.Ingestion.RedisKeyspace</c>; keep the two aligned.
/// </remarks>
public sealed class BufferKeys
{
    /// <summary>The consumer group every uploader reads the shard streams with.</summary>
    public const string ConsumerGroup = "uploaders";

    /// <summary>The field of the shard statistics hash that holds the bytes of the reports in the stream.</summary>
    public const string StatsBytesField = "bytes";

    /// <summary>Stream entry field: the report's UUID.</summary>
    public const string ReportIdField = "report_id";

    /// <summary>Stream entry field: the product name.</summary>
    public const string ProductField = "product";

    /// <summary>Stream entry field: when the service accepted the report, in Unix milliseconds.</summary>
    public const string ArrivalField = "arrival_ms";

    /// <summary>Stream entry field: the serialized <c>UsageReport</c>.</summary>
    public const string ReportField = "report";

    private readonly string _prefix;

    public BufferKeys(string prefix, int shards)
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

    /// <summary>Number of buffer shards; must equal the ingestion side's.</summary>
    public int Shards { get; }

    /// <summary>The key prefix, such as <c>telemetry:v1:</c>.</summary>
    public string Prefix => _prefix;

    /// <summary>The stream of shard <paramref name="shard"/>: <c>telemetry:v1:{shard-N}:reports</c>.</summary>
    public RedisKey Stream(int shard) => Key(shard, "reports");

    /// <summary>The dead-letter stream of a shard: <c>telemetry:v1:{shard-N}:dead-letters</c>.</summary>
    public RedisKey DeadLetters(int shard) => Key(shard, "dead-letters");

    /// <summary>The statistics hash of a shard, whose <see cref="StatsBytesField"/> the uploader decrements.</summary>
    public RedisKey Stats(int shard) => Key(shard, "stats");

    /// <summary>
    /// The GCRA state of the upload rate limit shared by every uploader instance; one hash tag, so the batch and
    /// byte limits are checked in one script call.
    /// </summary>
    public RedisKey UploadRateLimit(string sink, string dimension) => $"{_prefix}upload:{{ratelimit:{sink}}}:{dimension}";

    private RedisKey Key(int shard, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"{_prefix}{{shard-{shard}}}:{suffix}");
}
