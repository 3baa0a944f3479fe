using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// Reads <c>used_memory</c> and <c>maxmemory</c> of every connected Redis primary every
/// <see cref="BufferOptions.MemoryCheckInterval"/>, so that appends answer OVERLOADED with a retry delay above
/// <see cref="BufferOptions.MaxRedisMemoryFraction"/> of maxmemory instead of meeting Redis's OOM error. The
/// fullest primary counts for every shard (on a cluster a shard's primary is not tracked separately).
/// </summary>
/// <remarks>
/// INFO is read through <c>EVAL "return redis.call('INFO','memory')" 0</c>: StackExchange.Redis refuses INFO itself
/// on a connection without <c>allowAdmin</c>, and the collector's connection has none. Never throws: a failed read
/// leaves the state unknown (nothing refused), and an append to a Redis that is really full still meets the OOM error
/// and answers OVERLOADED.
/// </remarks>
public sealed partial class RedisMemoryWatcher : BackgroundService
{
    private const string InfoScript = "return redis.call('INFO','memory')";

    private readonly IConnectionMultiplexer _redis;
    private readonly BufferOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisMemoryWatcher> _logger;
    private RedisMemoryState _current;
    private bool _failing;

    public RedisMemoryWatcher(IConnectionMultiplexer redis, IOptions<BufferOptions> options, TimeProvider time, ILogger<RedisMemoryWatcher> logger)
    {
        _redis = redis;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The last reading; <see cref="RedisMemoryState.Unknown"/> before the first and after a failed one.</summary>
    public RedisMemoryState Current => _current;

    /// <summary>Reads every primary once and updates <see cref="Current"/>. Never throws.</summary>
    public async Task<RedisMemoryState> CheckAsync()
    {
        try
        {
            var fullest = RedisMemoryState.Unknown;
            var fullestFraction = -1.0;
            foreach (var endpoint in _redis.GetEndPoints())
            {
                var server = _redis.GetServer(endpoint);
                if (!server.IsConnected || server.IsReplica)
                {
                    continue;
                }

                var info = (string?)await server.ExecuteAsync("EVAL", InfoScript, 0).WaitAsync(_options.MemoryCheckInterval * 2).ConfigureAwait(false);
                var (used, max) = Parse(info ?? string.Empty);
                var fraction = max > 0 ? (double)used / max : 0;
                if (fraction > fullestFraction)
                {
                    fullestFraction = fraction;
                    fullest = new RedisMemoryState(used, max, max > 0 && fraction >= _options.MaxRedisMemoryFraction);
                }
            }

            _current = fullest;
            _failing = false;
        }
        catch (Exception exception)
        {
            _current = RedisMemoryState.Unknown;
            if (!_failing)
            {
                Log.MemoryCheckFailed(_logger, exception.Message);
                _failing = true;
            }
        }

        return _current;
    }

    /// <summary>The <c>used_memory</c> and <c>maxmemory</c> lines of an INFO memory reply.</summary>
    internal static (long Used, long Max) Parse(string info)
    {
        long used = 0, max = 0;
        foreach (var line in info.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("used_memory:", StringComparison.Ordinal))
            {
                used = long.Parse(line["used_memory:".Length..], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("maxmemory:", StringComparison.Ordinal))
            {
                max = long.Parse(line["maxmemory:".Length..], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        return (used, max);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(_options.MemoryCheckInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2012, EventName = "RedisMemoryCheckFailed", Level = LogLevel.Warning,
            Message = "Could not read Redis's memory; no report is refused for it until a reading succeeds: {Reason}")]
        public static partial void MemoryCheckFailed(ILogger logger, string reason);
    }
}
