using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;
using Telemetry.Ingestion.RateLimiting;

namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// <see cref="IReportBuffer"/> on sharded Redis streams (<c>telemetry:v1:{shard-N}:reports</c>). For every report
/// one Lua script (<see cref="AppendScript"/>) checks for a duplicate (the shard's report-ids generations), the high-water
/// marks and the instance's rate limit and appends (<c>XADD</c>) atomically; reports of one shard appended at the
/// same time share one script call (see <c>AppendAsync</c>). Entries are never trimmed (no MAXLEN): only the
/// uploader removes them, after storage, and drops the report-ids generations they leave behind. Thread-safe; one
/// instance per process.
/// </summary>
/// <remarks>
/// Cluster-correct: the keys of every script call (stream, statistics hash, report-ids generations, rate limits) share the
/// shard's hash tag, see <see cref="BufferKeyspace"/>.
/// </remarks>
public sealed partial class RedisReportBuffer : IReportBuffer
{
    private readonly IConnectionMultiplexer _redis;
    private readonly BufferKeyspace _keys;
    private readonly BufferOptions _options;
    private readonly TimeSpan _timeout;
    private readonly ILogger<RedisReportBuffer> _logger;
    private readonly DrainRateEstimator[] _drain;
    private readonly AppendQueue[] _appendQueues;
    private readonly long[] _lastOverloadLogMs;
    private readonly RateLimitOptions _rateLimits;
    private readonly RedisMemoryWatcher _memory;

    public RedisReportBuffer(
        IConnectionMultiplexer redis,
        BufferKeyspace keys,
        IOptions<BufferOptions> options,
        IOptions<RedisOptions> redisOptions,
        IOptions<RateLimitOptions> rateLimits,
        RedisMemoryWatcher memory,
        ILogger<RedisReportBuffer> logger)
    {
        _redis = redis;
        _keys = keys;
        _options = options.Value;
        _timeout = redisOptions.Value.OperationTimeout;
        _logger = logger;
        _rateLimits = rateLimits.Value;
        _memory = memory;
        _drain = new DrainRateEstimator[keys.Shards];
        for (var i = 0; i < _drain.Length; i++)
        {
            _drain[i] = new DrainRateEstimator(_options.DrainRateWindow);
        }

        _lastOverloadLogMs = new long[keys.Shards];
        _appendQueues = new AppendQueue[keys.Shards];
        for (var i = 0; i < _appendQueues.Length; i++)
        {
            _appendQueues[i] = new AppendQueue();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShardStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var database = _redis.GetDatabase();
        var calls = new Task<RedisResult>[_keys.Shards];
        for (var shard = 0; shard < calls.Length; shard++)
        {
            calls[shard] = database.ScriptEvaluateAsync(StatusScript.Lua, [_keys.Stream(shard), _keys.Stats(shard)]);
        }

        var statuses = new ShardStatus[calls.Length];
        for (var shard = 0; shard < calls.Length; shard++)
        {
            var reply = (RedisResult[])(await RedisCall.RunAsync(calls[shard], _timeout, cancellationToken).ConfigureAwait(false))!;
            var nowMs = ParseMs(reply[0]);
            var firstId = (string?)reply[2];
            TimeSpan? age = string.IsNullOrEmpty(firstId)
                ? null
                : TimeSpan.FromMilliseconds(Math.Max(0, nowMs - long.Parse(firstId.AsSpan(0, firstId.IndexOf('-')), CultureInfo.InvariantCulture)));
            statuses[shard] = new ShardStatus(shard, (long)reply[1], (long)reply[3], age, (long)reply[4], (long)reply[5]);
            _drain[shard].Record(nowMs, statuses[shard].DeletedEntries, statuses[shard].DeletedBytes);
        }

        return statuses;
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var database = _redis.GetDatabase();
        for (var shard = 0; shard < _keys.Shards; shard++)
        {
            var stream = _keys.Stream(shard);
            try
            {
                var call = database.ExecuteAsync("XGROUP", "CREATE", stream, BufferKeyspace.ConsumerGroup, "0", "MKSTREAM");
                await RedisCall.RunAsync(call, _timeout, cancellationToken).ConfigureAwait(false);
                Log.ConsumerGroupCreated(_logger, stream, BufferKeyspace.ConsumerGroup);
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // The group exists already: the normal case after the first start.
            }
        }
    }

    // At most one warning per shard and second: a full buffer refuses every report, and the log must not flood.
    private void LogOverloaded(int shard, long serverMs, ShardStatus status, RedisMemoryState memory, TimeSpan delay)
    {
        var last = Volatile.Read(ref _lastOverloadLogMs[shard]);
        if (serverMs - last >= 1000 && Interlocked.CompareExchange(ref _lastOverloadLogMs[shard], serverMs, last) == last)
        {
            if (memory.IsFull)
            {
                Log.RedisMemoryHigh(_logger, shard, memory.UsedBytes, memory.MaxBytes, delay);
            }
            else
            {
                Log.ShardOverloaded(_logger, shard, status.Entries, status.Bytes, delay);
            }
        }
    }

    private static long ParseMs(RedisResult value) => long.Parse((string)value!, CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, EventName = "ShardOverloaded", Level = LogLevel.Warning,
            Message = "Buffer shard {Shard} holds {Entries} entries and {Bytes} bytes, at its high-water mark; refusing reports for {RetryDelay}")]
        public static partial void ShardOverloaded(ILogger logger, int shard, long entries, long bytes, TimeSpan retryDelay);

        [LoggerMessage(EventId = 2002, EventName = "RedisOutOfMemory", Level = LogLevel.Warning,
            Message = "Redis refused an append to shard {Shard} for lack of memory; refusing reports for {RetryDelay}")]
        public static partial void RedisOutOfMemory(ILogger logger, int shard, TimeSpan retryDelay);

        [LoggerMessage(EventId = 2003, EventName = "AppendUnavailable", Level = LogLevel.Warning,
            Message = "Could not append to buffer shard {Shard}: {Reason}")]
        public static partial void AppendUnavailable(ILogger logger, int shard, string reason);

        [LoggerMessage(EventId = 2005, EventName = "RedisMemoryHigh", Level = LogLevel.Warning,
            Message = "Redis uses {UsedBytes} of its {MaxBytes} bytes of memory, above Buffer:MaxRedisMemoryFraction; refusing reports to shard {Shard} for {RetryDelay}")]
        public static partial void RedisMemoryHigh(ILogger logger, int shard, long usedBytes, long maxBytes, TimeSpan retryDelay);

        [LoggerMessage(EventId = 2004, EventName = "ConsumerGroupCreated", Level = LogLevel.Information,
            Message = "Created consumer group {Group} on {Stream}")]
        public static partial void ConsumerGroupCreated(ILogger logger, RedisKey stream, string group);
    }
}
