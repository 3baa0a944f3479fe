namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// The retry delay of a refused report: the time the measured drain rate needs to bring the shard's backlog down
/// to the low-water mark, clamped to [<see cref="BufferOptions.MinRetryDelay"/>, <see cref="BufferOptions.MaxRetryDelay"/>].
/// With nothing measurably draining, the maximum: retrying sooner would only be refused again. With the drain not
/// measured yet (the first second after a start), the minimum: by then it is measured, and a client told to wait
/// the maximum would leave a draining buffer idle.
/// </summary>
internal static class OverloadRetryDelay
{
    public static TimeSpan Compute(BufferOptions options, long entries, long bytes, (double EntriesPerSecond, double BytesPerSecond)? rate, double jitter)
    {
        if (rate is null)
        {
            return options.MinRetryDelay;
        }

        var lowEntries = (long)(options.MaxEntriesPerShard * options.LowWaterFraction);
        var lowBytes = (long)(options.MaxBytesPerShard * options.LowWaterFraction);
        var seconds = Math.Max(
            SecondsToDrain(entries - lowEntries, rate.Value.EntriesPerSecond),
            SecondsToDrain(bytes - lowBytes, rate.Value.BytesPerSecond));

        // Spread the clients' retries by ±10% so they do not come back all at once.
        return Clamp(options, seconds, jitter);
    }

    /// <summary>
    /// The retry delay while Redis's memory is above its mark: the time the buffer's measured drain rate (payload
    /// bytes per second, all shards) needs to free the memory above the low-water mark
    /// (<see cref="BufferOptions.LowWaterFraction"/> of the memory mark), clamped like <see cref="Compute"/>.
    /// Payload bytes stand in for Redis memory, which they dominate.
    /// </summary>
    public static TimeSpan ForMemory(BufferOptions options, RedisMemoryState memory, double? drainBytesPerSecond, double jitter)
    {
        var low = (long)(memory.MaxBytes * options.MaxRedisMemoryFraction * options.LowWaterFraction);
        return drainBytesPerSecond is { } perSecond
            ? Clamp(options, SecondsToDrain(memory.UsedBytes - low, perSecond), jitter)
            : options.MinRetryDelay;
    }

    private static TimeSpan Clamp(BufferOptions options, double seconds, double jitter)
    {
        var delay = double.IsPositiveInfinity(seconds) ? options.MaxRetryDelay : TimeSpan.FromSeconds(seconds * (1 + (0.2 * jitter) - 0.1));
        return delay < options.MinRetryDelay ? options.MinRetryDelay
            : delay > options.MaxRetryDelay ? options.MaxRetryDelay
            : delay;
    }

    private static double SecondsToDrain(long backlog, double perSecond) =>
        backlog <= 0 ? 0
        : perSecond > 0 ? backlog / perSecond
        : double.PositiveInfinity;
}
