namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// Redis, which holds the buffer, its report_ids and the rate limits, could not be reached in time
/// (connection failure, timeout, loading after a restart, read-only replica). Nothing was acknowledged; the
/// transport answers UNAVAILABLE so that the client retries.
/// </summary>
public sealed class BufferUnavailableException : Exception
{
    public BufferUnavailableException()
        : this("The report buffer (Redis) is unavailable.")
    {
    }

    public BufferUnavailableException(string message)
        : base(message)
    {
    }

    public BufferUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A suggested delay before the client retries. Defaults to 1 second.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
