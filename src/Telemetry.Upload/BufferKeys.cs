using StackExchange.Redis;
using Telemetry.Ingestion;

namespace Telemetry.Upload;

/// <summary>
/// The Redis keys of the report buffer as the ingestion side writes them, and the uploader's own keys beside them.
/// </summary>
/// <remarks>
/// The buffer's own keys come from the ingestion side's <see cref="RedisKeyspace"/>, so the layout is defined once.
/// Every key of one shard carries the hash tag <c>{shard-N}</c>, so each script touches a single cluster slot: the
/// stream <c>telemetry:v1:{shard-N}:reports</c>, its dead-letter stream and its statistics hash.
/// </remarks>
public sealed class BufferKeys
{
    /// <summary>The consumer group every uploader reads the shard streams with.</summary>
    public const string ConsumerGroup = RedisKeyspace.ConsumerGroup;

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

    private readonly RedisKeyspace _buffer;

    public BufferKeys(string prefix, int shards)
    {
        _buffer = new RedisKeyspace(prefix, shards);
        Prefix = prefix;
    }

    /// <summary>Number of buffer shards; must equal the ingestion side's.</summary>
    public int Shards => _buffer.Shards;

    /// <summary>The key prefix, such as <c>telemetry:v1:</c>.</summary>
    public string Prefix { get; }

    /// <summary>The stream of shard <paramref name="shard"/>: <c>telemetry:v1:{shard-N}:reports</c>.</summary>
    public RedisKey Stream(int shard) => _buffer.Stream(shard);

    /// <summary>The dead-letter stream of a shard: <c>telemetry:v1:{shard-N}:dead-letters</c>.</summary>
    public RedisKey DeadLetters(int shard) => _buffer.ShardKey(shard, "dead-letters");

    /// <summary>The statistics hash of a shard, whose <see cref="StatsBytesField"/> the uploader decrements.</summary>
    public RedisKey Stats(int shard) => _buffer.Stats(shard);

    /// <summary>
    /// The GCRA state of the upload rate limit shared by every uploader instance; one hash tag, so the batch and
    /// byte limits are checked in one script call.
    /// </summary>
    public RedisKey UploadRateLimit(string sink, string dimension) => $"{Prefix}upload:{{ratelimit:{sink}}}:{dimension}";
}
