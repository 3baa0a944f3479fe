using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// <see cref="IReportBuffer"/> on sharded Redis streams (<c>telemetry:v1:{shard-N}:reports</c>). One Lua script
/// per append deduplicates (<c>SET … NX PX</c>), checks the high-water marks and appends (<c>XADD</c>) atomically.
/// Entries are never trimmed (no MAXLEN): only the uploader deletes them, after storage, with
/// <see cref="AcknowledgeAsync"/>. Thread-safe; one instance per process.
/// </summary>
/// <remarks>
/// Cluster-correct: the keys of every script call (dedup key, stream, statistics hash) share the shard's hash tag,
/// see <see cref="RedisKeyspace"/>.
/// </remarks>
public sealed partial class RedisReportBuffer : IReportBuffer
{
    // KEYS[1] dedup key, KEYS[2] stream, KEYS[3] statistics hash. ARGV[1] report_id, ARGV[2] product,
    // ARGV[3] report bytes, ARGV[4] dedup window ms, ARGV[5] max entries, ARGV[6] max bytes, ARGV[7] group.
    // Returns {status, server ms, entries, bytes, appended entries, appended bytes[, entry id]} with status
    // 1 accepted, 2 duplicate, 3 overloaded. A duplicate is answered before the marks are checked, so that a retry
    // of an accepted report is never told to come back later. The group is created with a missing stream, so that
    // a stream lost with Redis's data is recreated with its group (entries are never added without one).
    internal const string AppendScript = """
        local t = redis.call('TIME')
        local now_ms = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
        local stats = redis.call('HMGET', KEYS[3], 'bytes', 'appended_entries', 'appended_bytes')
        local bytes = tonumber(stats[1]) or 0
        local appended_entries = tonumber(stats[2]) or 0
        local appended_bytes = tonumber(stats[3]) or 0
        local length = redis.call('XLEN', KEYS[2])
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return {2, now_ms, length, bytes, appended_entries, appended_bytes}
        end
        if length >= tonumber(ARGV[5]) or bytes >= tonumber(ARGV[6]) then
          return {3, now_ms, length, bytes, appended_entries, appended_bytes}
        end
        if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[4]) then
          return {2, now_ms, length, bytes, appended_entries, appended_bytes}
        end
        if redis.call('EXISTS', KEYS[2]) == 0 then
          redis.call('XGROUP', 'CREATE', KEYS[2], ARGV[7], '0', 'MKSTREAM')
        end
        local id = redis.call('XADD', KEYS[2], '*', 'report_id', ARGV[1], 'product', ARGV[2], 'arrival_ms', now_ms, 'report', ARGV[3])
        local size = string.len(ARGV[3])
        redis.call('HINCRBY', KEYS[3], 'bytes', size)
        redis.call('HINCRBY', KEYS[3], 'appended_entries', 1)
        redis.call('HINCRBY', KEYS[3], 'appended_bytes', size)
        return {1, now_ms, length + 1, bytes + size, appended_entries + 1, appended_bytes + size, id}
        """;

    // KEYS[1] stream, KEYS[2] statistics hash. Returns {server ms, entries, first entry id or '', bytes,
    // appended entries, appended bytes}.
    internal const string StatusScript = """
        local t = redis.call('TIME')
        local now_ms = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
        local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
        local first_id = ''
        if #first > 0 then first_id = first[1][1] end
        local stats = redis.call('HMGET', KEYS[2], 'bytes', 'appended_entries', 'appended_bytes')
        return {now_ms, redis.call('XLEN', KEYS[1]), first_id, tonumber(stats[1]) or 0, tonumber(stats[2]) or 0, tonumber(stats[3]) or 0}
        """;

    // KEYS[1] stream, KEYS[2] statistics hash; ARGV[1] group, ARGV[2..] entry IDs. Acknowledges and deletes the
    // entries and subtracts the payload bytes of those that still existed. Returns {entries deleted, bytes freed}.
    internal const string AcknowledgeScript = """
        local freed = 0
        local deleted = 0
        for i = 2, #ARGV do
          local entries = redis.call('XRANGE', KEYS[1], ARGV[i], ARGV[i])
          if #entries == 1 then
            local fields = entries[1][2]
            for j = 1, #fields, 2 do
              if fields[j] == 'report' then freed = freed + string.len(fields[j + 1]) end
            end
            deleted = deleted + redis.call('XDEL', KEYS[1], ARGV[i])
          end
          redis.call('XACK', KEYS[1], ARGV[1], ARGV[i])
        end
        if freed > 0 then redis.call('HINCRBY', KEYS[2], 'bytes', -freed) end
        return {deleted, freed}
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeyspace _keys;
    private readonly BufferOptions _options;
    private readonly TimeSpan _timeout;
    private readonly ILogger<RedisReportBuffer> _logger;
    private readonly DrainRateEstimator[] _drain;
    private readonly long _dedupWindowMs;
    private readonly long[] _lastOverloadLogMs;

    public RedisReportBuffer(
        IConnectionMultiplexer redis,
        RedisKeyspace keys,
        IOptions<BufferOptions> options,
        IOptions<RedisOptions> redisOptions,
        ILogger<RedisReportBuffer> logger)
    {
        _redis = redis;
        _keys = keys;
        _options = options.Value;
        _timeout = redisOptions.Value.OperationTimeout;
        _logger = logger;
        _dedupWindowMs = (long)_options.DedupWindow.TotalMilliseconds;
        _lastOverloadLogMs = new long[keys.Shards];
        _drain = new DrainRateEstimator[keys.Shards];
        for (var i = 0; i < _drain.Length; i++)
        {
            _drain[i] = new DrainRateEstimator(_options.DrainRateWindow);
        }
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(byte[] report, string reportId, string product, string instanceKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(reportId);
        var shard = _keys.ShardOf(reportId);
        RedisResult[] reply;
        try
        {
            var call = _redis.GetDatabase().ScriptEvaluateAsync(
                AppendScript,
                [_keys.Dedup(reportId), _keys.Stream(shard), _keys.Stats(shard)],
                [reportId, product, report, _dedupWindowMs, _options.MaxEntriesPerShard, _options.MaxBytesPerShard, RedisKeyspace.ConsumerGroup]);
            reply = (RedisResult[])(await RedisCall.RunAsync(call, _timeout, cancellationToken).ConfigureAwait(false))!;
        }
        catch (BufferUnavailableException exception) when (RedisCall.IsOutOfMemory(exception))
        {
            // Redis itself is full (maxmemory with noeviction): the same condition as a high-water mark.
            Log.RedisOutOfMemory(_logger, shard, _options.MaxRetryDelay);
            return new AppendResult(AppendStatus.Overloaded, _options.MaxRetryDelay, shard, null);
        }
        catch (BufferUnavailableException exception)
        {
            Log.AppendUnavailable(_logger, shard, exception.Message);
            return new AppendResult(AppendStatus.Unavailable, exception.RetryDelay, shard, null);
        }

        var status = ReadStatus(shard, reply);
        _drain[shard].Record(ParseMs(reply[1]), status.DeletedEntries, status.DeletedBytes);
        switch ((long)reply[0])
        {
            case 1:
                return new AppendResult(AppendStatus.Accepted, TimeSpan.Zero, shard, (string?)reply[6]);
            case 2:
                return new AppendResult(AppendStatus.Duplicate, TimeSpan.Zero, shard, null);
            default:
                var delay = OverloadRetryDelay.Compute(_options, status.Entries, status.Bytes, _drain[shard].Rate(), Random.Shared.NextDouble());
                LogOverloaded(shard, ParseMs(reply[1]), status, delay);
                return new AppendResult(AppendStatus.Overloaded, delay, shard, null);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ContainsAsync(string reportId, CancellationToken cancellationToken = default)
    {
        var call = _redis.GetDatabase().KeyExistsAsync(_keys.Dedup(reportId));
        return await RedisCall.RunAsync(call, _timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShardStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var database = _redis.GetDatabase();
        var calls = new Task<RedisResult>[_keys.Shards];
        for (var shard = 0; shard < calls.Length; shard++)
        {
            calls[shard] = database.ScriptEvaluateAsync(StatusScript, [_keys.Stream(shard), _keys.Stats(shard)]);
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
                var call = database.ExecuteAsync("XGROUP", "CREATE", stream, RedisKeyspace.ConsumerGroup, "0", "MKSTREAM");
                await RedisCall.RunAsync(call, _timeout, cancellationToken).ConfigureAwait(false);
                Log.ConsumerGroupCreated(_logger, stream, RedisKeyspace.ConsumerGroup);
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // The group exists already: the normal case after the first start.
            }
        }
    }

    /// <inheritdoc />
    public async Task<(long Entries, long Bytes)> AcknowledgeAsync(int shard, IReadOnlyList<string> entryIds, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, _keys.Shards);
        if (entryIds.Count == 0)
        {
            return (0, 0);
        }

        var arguments = new RedisValue[entryIds.Count + 1];
        arguments[0] = RedisKeyspace.ConsumerGroup;
        for (var i = 0; i < entryIds.Count; i++)
        {
            arguments[i + 1] = entryIds[i];
        }

        var call = _redis.GetDatabase().ScriptEvaluateAsync(AcknowledgeScript, [_keys.Stream(shard), _keys.Stats(shard)], arguments);
        var reply = (RedisResult[])(await RedisCall.RunAsync(call, _timeout, cancellationToken).ConfigureAwait(false))!;
        return ((long)reply[0], (long)reply[1]);
    }

    // At most one warning per shard and second: a full buffer refuses every report, and the log must not flood.
    private void LogOverloaded(int shard, long serverMs, ShardStatus status, TimeSpan delay)
    {
        var last = Volatile.Read(ref _lastOverloadLogMs[shard]);
        if (serverMs - last >= 1000 && Interlocked.CompareExchange(ref _lastOverloadLogMs[shard], serverMs, last) == last)
        {
            Log.ShardOverloaded(_logger, shard, status.Entries, status.Bytes, delay);
        }
    }

    private static ShardStatus ReadStatus(int shard, RedisResult[] reply) =>
        new(shard, (long)reply[2], (long)reply[3], null, (long)reply[4], (long)reply[5]);

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

        [LoggerMessage(EventId = 2004, EventName = "ConsumerGroupCreated", Level = LogLevel.Information,
            Message = "Created consumer group {Group} on {Stream}")]
        public static partial void ConsumerGroupCreated(ILogger logger, RedisKey stream, string group);
    }
}
