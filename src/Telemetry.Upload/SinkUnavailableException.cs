namespace Telemetry.Upload;

/// <summary>
/// The sink's storage cannot be reached (connection refused, server shutting down, disk not writable). The batch is
/// retried with back-off for as long as it takes, and its reports stay pending in the buffer meanwhile; no delivery
/// is counted, so an outage never dead-letters anything.
/// </summary>
public sealed class SinkUnavailableException : Exception
{
    public SinkUnavailableException()
    {
    }

    public SinkUnavailableException(string message)
        : base(message)
    {
    }

    public SinkUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
