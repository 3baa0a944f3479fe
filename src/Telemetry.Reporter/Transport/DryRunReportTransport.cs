using Microsoft.Extensions.Logging;
using Telemetry.Reporter.Diagnostics;
using Telemetry.V1;

namespace Telemetry.Reporter.Transport;

/// <summary>Logs each report as JSON at Information level instead of sending it, and reports it accepted.</summary>
/// <remarks>Opens no connection. Thread-safe.</remarks>
public sealed class DryRunReportTransport : IReportTransport
{
    private readonly ILogger _logger;

    /// <summary>Creates a transport that logs to <paramref name="logger"/>.</summary>
    /// <param name="logger">Receives one <c>DryRunReport</c> event (ID 4011) per report.</param>
    public DryRunReportTransport(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    public Task<ReportSendResult> SendAsync(UsageReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        // A message's ToString is its JSON, formatted only if the event is logged.
        ReporterLog.DryRunReport(_logger, report);
        return Task.FromResult(ReportSendResult.Accepted);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
