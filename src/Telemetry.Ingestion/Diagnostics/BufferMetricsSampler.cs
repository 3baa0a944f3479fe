using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Telemetry.Ingestion.Diagnostics;

/// <summary>Refreshes <see cref="BufferMetrics"/> every <see cref="MetricsOptions.BufferInterval"/>, from the start.</summary>
internal sealed class BufferMetricsSampler(BufferMetrics metrics, IOptions<MetricsOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BufferInterval, time);
        do
        {
            await metrics.RefreshAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
