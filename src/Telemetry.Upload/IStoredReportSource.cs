namespace Telemetry.Upload;

/// <summary>A sink whose stored reports can be read back in full, for rebuilding what is derived from them.</summary>
public interface IStoredReportSource
{
    /// <summary>Streams every stored report once, in no particular order (a full scan).</summary>
    IAsyncEnumerable<StoredReport> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the reports that arrived before <paramref name="cutoff"/>; returns how many. A sink may keep some of
    /// them until a later call (the file sink deletes whole days only); it never deletes a later one.
    /// </summary>
    Task<long> DeleteArrivedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
