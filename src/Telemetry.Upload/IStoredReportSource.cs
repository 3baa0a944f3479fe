namespace Telemetry.Upload;

/// <summary>A sink whose stored reports can be read back in full, for rebuilding what is derived from them.</summary>
public interface IStoredReportSource
{
    /// <summary>Streams every stored report once, in no particular order (a full scan).</summary>
    IAsyncEnumerable<StoredReport> ReadAllAsync(CancellationToken cancellationToken = default);
}
