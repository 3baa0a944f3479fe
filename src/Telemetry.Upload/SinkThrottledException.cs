namespace Telemetry.Upload;

/// <summary>The sink asks for the batch again after <see cref="RetryAfter"/>; no delivery is counted.</summary>
public sealed class SinkThrottledException : Exception
{
    public SinkThrottledException()
        : this(TimeSpan.FromSeconds(1))
    {
    }

    public SinkThrottledException(string message)
        : this(TimeSpan.FromSeconds(1), message)
    {
    }

    public SinkThrottledException(string message, Exception innerException)
        : base(message, innerException)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    public SinkThrottledException(TimeSpan retryAfter, string? message = null, Exception? innerException = null)
        : base(message ?? $"The sink asked to retry after {retryAfter}.", innerException)
    {
        RetryAfter = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
    }

    /// <summary>How long to wait before writing the batch again.</summary>
    public TimeSpan RetryAfter { get; }
}
