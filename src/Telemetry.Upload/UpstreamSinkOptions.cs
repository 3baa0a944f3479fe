namespace Telemetry.Upload;

/// <summary>The upstream sink (<c>Upload:Upstream</c>): relays batches to another Telemetry service over gRPC.</summary>
public sealed class UpstreamSinkOptions
{
    /// <summary>The other service's address, such as <c>http://collector:8080</c>; required when <c>Upload:Sink</c> is <c>upstream</c>. No default.</summary>
    public string? Address { get; set; }

    /// <summary>Deadline of one IngestReports call. Defaults to 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
