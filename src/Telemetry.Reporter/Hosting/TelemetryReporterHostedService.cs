using Microsoft.Extensions.Hosting;

namespace Telemetry.Reporter.Hosting;

/// <summary>Starts and stops the process's <see cref="TelemetryReporter"/> with the host.</summary>
internal sealed class TelemetryReporterHostedService : IHostedService
{
    private readonly TelemetryReporter _reporter;

    public TelemetryReporterHostedService(TelemetryReporter reporter)
    {
        _reporter = reporter;
    }

    public Task StartAsync(CancellationToken cancellationToken) => _reporter.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _reporter.StopAsync(cancellationToken);
}
