namespace Telemetry.Ingestion.Buffering;

/// <summary>Redis's memory as <see cref="RedisMemoryWatcher"/> last read it.</summary>
/// <param name="UsedBytes">The fullest primary's <c>used_memory</c>; 0 while unknown.</param>
/// <param name="MaxBytes">That primary's <c>maxmemory</c>; 0 when unlimited or unknown.</param>
/// <param name="IsFull">Whether it is above <see cref="BufferOptions.MaxRedisMemoryFraction"/> of its maxmemory.</param>
public readonly record struct RedisMemoryState(long UsedBytes, long MaxBytes, bool IsFull)
{
    /// <summary>Nothing known: nothing refused.</summary>
    public static RedisMemoryState Unknown => default;
}
