using Grpc.Health.V1;
using Telemetry.Grpc;
using Telemetry.Ingestion.Buffering;
using Telemetry.V1;

namespace Telemetry.Server.Diagnostics;

/// <summary>
/// Probes the buffer (Redis) every few seconds and publishes the result: the gRPC health status of the ingest
/// service and of the whole server, and the readiness answered at <c>/readyz</c>. Ingestion itself never waits
/// for this probe; it fails fast on its own when Redis is down.
/// </summary>
internal sealed partial class BufferHealthMonitor(
    IReportBuffer buffer,
    HealthStatusRegistry health,
    Readiness readiness,
    ILogger<BufferHealthMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);
    private static readonly string IngestService = IngestServiceReflection.Descriptor.Services[0].FullName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bool? previous = null;
        using var timer = new PeriodicTimer(ProbeInterval);
        do
        {
            var reachable = await ProbeAsync(stoppingToken);
            if (reachable != previous)
            {
                Publish(reachable);
                previous = reachable;
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await buffer.GetStatusAsync(cancellationToken);
            return true;
        }
        catch (BufferUnavailableException exception)
        {
            Log.BufferUnreachable(logger, exception.Message);
            return false;
        }
    }

    private void Publish(bool reachable)
    {
        var status = reachable ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing;
        health.SetStatus(string.Empty, status);
        health.SetStatus(IngestService, status);
        readiness.SetBufferReachable(reachable);
        Log.BufferReachabilityChanged(logger, reachable);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, EventName = "BufferReachabilityChanged", Level = LogLevel.Information,
            Message = "Report buffer reachable: {Reachable}")]
        public static partial void BufferReachabilityChanged(ILogger logger, bool reachable);

        [LoggerMessage(EventId = 3002, EventName = "BufferUnreachable", Level = LogLevel.Warning,
            Message = "Report buffer unreachable: {Reason}")]
        public static partial void BufferUnreachable(ILogger logger, string reason);
    }
}
