namespace Telemetry.Upload;

/// <summary>
/// Durable storage for uploaded reports. Every sink is idempotent on <c>report_id</c>: writing a report it already
/// holds stores nothing, so a batch written twice (an uploader crashing between the write and the XACK) is stored once.
/// </summary>
/// <remarks>
/// <see cref="WriteAsync"/> returns only once the batch is durable. It signals failures by exception:
/// <see cref="SinkThrottledException"/> (try again after a delay), <see cref="SinkUnavailableException"/> (the
/// storage cannot be reached; retried without limit), <see cref="ReportsRejectedException"/> (the rest of the
/// batch is stored, the named reports are not). Any other exception counts as a failed delivery of every report
/// in the batch. Implementations are thread-safe.
/// </remarks>
public interface IReportSink
{
    /// <summary>The sink's name as configured and as shown in metrics and data-rights answers, such as <c>files</c>.</summary>
    string Name { get; }

    /// <summary>Stores a batch durably.</summary>
    Task WriteAsync(IReadOnlyList<BufferedReport> batch, CancellationToken cancellationToken = default);

    /// <summary>Removes every report of an installation; returns how many were removed.</summary>
    Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default);

    /// <summary>Streams every report of an installation.</summary>
    IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, CancellationToken cancellationToken = default);
}
