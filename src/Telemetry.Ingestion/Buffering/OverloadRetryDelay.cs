namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// The retry delay of a refused report: the time the measured drain rate needs to bring the shard's backlog down
/// to the low-water mark, clamped to [<see cref="BufferOptions.MinRetryDelay"/>, <see cref="BufferOptions.MaxRetryDelay"/>].
/// With nothing measurably draining, the maximum: retrying sooner would only be refused again.
/// </summary>
internal static class OverloadRetryDelay
{
    public static TimeSpan Compute(BufferOptions options, long entries, long bytes, (double EntriesPerSecond, double BytesPerSecond)? rate, double jitter)
    {
        var lowEntries = (long)(options.MaxEntriesPerShard * options.LowWaterFraction);
        var lowBytes = (long)(options.MaxBytesPerShard * options.LowWaterFraction);
        var seconds = Math.Max(
            SecondsToDrain(entries - lowEntries, rate?.EntriesPerSecond),
            SecondsToDrain(bytes - lowBytes, rate?.BytesPerSecond));

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
        return Clamp(options, SecondsToDrain(memory.UsedBytes - low, drainBytesPerSecond), jitter);
    }

    private static TimeSpan Clamp(BufferOptions options, double seconds, double jitter)
    {
        var delay = double.IsPositiveInfinity(seconds) ? options.MaxRetryDelay : TimeSpan.FromSeconds(seconds * (1 + (0.2 * jitter) - 0.1));
        return delay < options.MinRetryDelay ? options.MinRetryDelay
            : delay > options.MaxRetryDelay ? options.MaxRetryDelay
            : delay;
    }

    private static double SecondsToDrain(long backlog, double? perSecond) =>
        backlog <= 0 ? 0
        : perSecond is > 0 ? backlog / perSecond.Value
        : double.PositiveInfinity;
}
