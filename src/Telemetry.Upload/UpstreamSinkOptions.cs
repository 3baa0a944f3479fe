namespace Telemetry.Upload;

/// <summary>The upstream sink (<c>Upload:Upstream</c>): relays batches to another Telemetry service over gRPC.</summary>
public sealed class UpstreamSinkOptions
{
    /// <summary>The other service's address, such as <c>http://collector:8080</c>; required when <c>Upload:Sink</c> is <c>upstream</c>. No default.</summary>
    public string? Address { get; set; }

    /// <summary>Deadline of one IngestReports call. Defaults to 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sent as <c>x-relay-key</c> on every call. When the upstream service lists it in <c>Privacy:RelayKeys</c>, it
    /// keeps the KEYED_HASH values this collector hashed instead of hashing them again. Defaults to none.
    /// </summary>
    public string? RelayKey { get; set; }
}
