using Microsoft.Extensions.Hosting;

namespace Telemetry.Upload;

/// <summary>Runs the <see cref="BatchUploader"/> as a hosted service; stopping the host flushes the batches in hand.</summary>
public sealed class UploadWorker(BatchUploader uploader) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => uploader.RunAsync(stoppingToken);
}
