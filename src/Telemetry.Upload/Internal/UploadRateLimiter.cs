using System.Globalization;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;

namespace Telemetry.Upload.Internal;

/// <summary>
/// The upload rate limit shared by every uploader instance: one GCRA state per dimension (batches, bytes) in
/// Redis, checked together by one script, so N instances upload at the configured rate in total, not N times it.
/// </summary>
internal sealed class UploadRateLimiter
{
    private readonly StreamCommands _commands;
    private readonly RedisKey[] _keys;
    private readonly double _batchesPerSecond;
    private readonly long _bytesPerSecond;
    private readonly long _burstMicroseconds;

    public UploadRateLimiter(StreamCommands commands, BufferKeyspace keys, string sink, UploadOptions options)
    {
        _commands = commands;
        _batchesPerSecond = options.MaxBatchesPerSecond;
        _bytesPerSecond = options.MaxBytesPerSecond;
        _burstMicroseconds = (long)(options.RateLimitBurst.TotalMilliseconds * 1000);
        var keyList = new List<RedisKey>(2);
        if (_batchesPerSecond > 0)
        {
            keyList.Add(keys.UploadRateLimit(sink, "batches"));
        }

        if (_bytesPerSecond > 0)
        {
            keyList.Add(keys.UploadRateLimit(sink, "bytes"));
        }

        _keys = [.. keyList];
    }

    public bool Enabled => _keys.Length > 0;

    /// <summary>Asks for one batch of <paramref name="bytes"/>; returns zero when allowed, else how long to wait before asking again.</summary>
    public async Task<TimeSpan> TryAcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return TimeSpan.Zero;
        }

        var values = new List<RedisValue>(4);
        if (_batchesPerSecond > 0)
        {
            AddLimit(values, (long)Math.Ceiling(1_000_000 / _batchesPerSecond));
        }

        if (_bytesPerSecond > 0)
        {
            AddLimit(values, (long)Math.Ceiling(bytes * 1_000_000.0 / _bytesPerSecond));
        }

        var wait = (long)await _commands.ScriptAsync(UploadGcraScript.Lua, _keys, [.. values], cancellationToken);
        return TimeSpan.FromTicks(wait * 10);
    }

    // The tolerance is at least the increment, so a single request larger than the burst still passes once the
    // limiter has caught up instead of never.
    private void AddLimit(List<RedisValue> values, long increment)
    {
        values.Add(increment.ToString(CultureInfo.InvariantCulture));
        values.Add(Math.Max(increment, _burstMicroseconds).ToString(CultureInfo.InvariantCulture));
    }
}
