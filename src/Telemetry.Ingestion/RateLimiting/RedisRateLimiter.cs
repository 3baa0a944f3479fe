using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Ingestion.Buffering;

namespace Telemetry.Ingestion.RateLimiting;

/// <summary>
/// GCRA (generic cell rate algorithm) in one Lua script per report: one theoretical arrival time per instance,
/// on Redis's clock (<c>TIME</c>), so every replica of the service shares one limit and one clock. Thread-safe.
/// </summary>
public sealed class RedisRateLimiter : IReportRateLimiter
{
    // KEYS[1] the limiter key; ARGV[1] emission interval in µs; ARGV[2] burst; ARGV[3] cost.
    // Arithmetic stays in integers below 2^53 (µs since 1970 are ~1.8e15). Returns {1, remaining} when allowed,
    // {0, retry-after µs} when limited. The key expires when the bucket is full again.
    internal const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local interval = tonumber(ARGV[1])
        local limit = interval * tonumber(ARGV[2])
        local tat = math.max(tonumber(redis.call('GET', KEYS[1]) or 0), now)
        local new_tat = tat + interval * tonumber(ARGV[3])
        if new_tat - now > limit then
          return {0, new_tat - now - limit}
        end
        redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil((new_tat - now) / 1000))
        return {1, math.floor((limit - (new_tat - now)) / interval)}
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly BufferKeyspace _keys;
    private readonly RateLimitOptions _options;
    private readonly TimeSpan _timeout;

    public RedisRateLimiter(IConnectionMultiplexer redis, BufferKeyspace keys, IOptions<RateLimitOptions> options, IOptions<RedisOptions> redisOptions)
    {
        _redis = redis;
        _keys = keys;
        _options = options.Value;
        _timeout = redisOptions.Value.OperationTimeout;
    }

    /// <inheritdoc />
    public bool IsEnabled => _options.Enabled;

    /// <inheritdoc />
    public async Task<RateLimitDecision> AcquireAsync(string product, string instanceKey, CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled)
        {
            return RateLimitDecision.Allowed;
        }

        var limit = _options.For(product);
        var intervalMicroseconds = Math.Max(1L, (long)Math.Round(3_600_000_000d / limit.ReportsPerHour));
        var call = _redis.GetDatabase().ScriptEvaluateAsync(
            Script,
            [_keys.RateLimit(product, instanceKey)],
            [intervalMicroseconds, limit.Burst, 1]);
        RedisResult[] reply;
        try
        {
            reply = (RedisResult[])(await RedisCall.RunAsync(call, _timeout, cancellationToken).ConfigureAwait(false))!;
        }
        catch (BufferUnavailableException exception) when (RedisCall.IsOutOfMemory(exception))
        {
            // Redis is full (maxmemory with noeviction) and refuses the limiter's write. The append that follows
            // cannot succeed either and answers OVERLOADED with a retry delay, which is the right answer for the
            // report, instead of an UNAVAILABLE error from here.
            return RateLimitDecision.Allowed;
        }

        return (long)reply[0] == 1
            ? RateLimitDecision.Allowed
            : RateLimitDecision.Limited(TimeSpan.FromMicroseconds((long)reply[1]));
    }
}
