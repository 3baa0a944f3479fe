using Microsoft.Extensions.Hosting;
using Telemetry.Upload.Sinks;

namespace Telemetry.Upload;

/// <summary>
/// Runs the <see cref="BatchUploader"/> as a hosted service; stopping the host flushes the batches in hand. The
/// PostgreSQL schema is migrated at start (if PostgreSQL is down then, it is migrated before the first write).
/// </summary>
public sealed class UploadWorker(BatchUploader uploader, IReportSink sink) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (IReportSinkDecorator.Unwrap(sink) is PostgresReportSink postgres)
        {
            try
            {
                await postgres.MigrateAsync(stoppingToken);
            }
            catch (SinkUnavailableException)
            {
                // Retried before the first write; the uploader keeps the reports in the buffer meanwhile.
            }
        }

        await uploader.RunAsync(stoppingToken);
    }
}
