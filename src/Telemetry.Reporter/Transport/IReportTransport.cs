using Telemetry.V1;

namespace Telemetry.Reporter.Transport;

/// <summary>Delivers reports to a collector.</summary>
/// <remarks>
/// The reporter calls <see cref="SendAsync"/> from its single background loop, one report at a time, and retries
/// with the same report (and so the same <c>report_id</c>) as the outcome asks. An exception counts as
/// <see cref="ReportSendOutcome.TransientFailure"/>. Implementations need not be thread-safe.
/// </remarks>
public interface IReportTransport : IAsyncDisposable
{
    /// <summary>Sends one report.</summary>
    /// <param name="report">The anonymized report; it must not be modified.</param>
    /// <param name="cancellationToken">Cancels the attempt, at the send timeout or when the reporter stops.</param>
    /// <returns>What the collector did with the report.</returns>
    Task<ReportSendResult> SendAsync(UsageReport report, CancellationToken cancellationToken = default);
}
