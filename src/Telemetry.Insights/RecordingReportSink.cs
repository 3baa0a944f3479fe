using Microsoft.Extensions.Logging;
using Telemetry.Insights.Internal;
using Telemetry.Upload;

namespace Telemetry.Insights;

/// <summary>
/// The configured sink with rollups kept beside it: after the inner sink stored a batch, the batch is merged into
/// the rollups, so questions see a report within one upload batch of its storage. Deleting an installation deletes
/// it from the rollups too.
/// </summary>
/// <remarks>
/// A rollup failure does not fail the upload (the reports are stored, and storage is what the uploader
/// acknowledges); it is logged, and a rebuild (<see cref="RollupRebuild"/>, <c>Insights:RebuildOnStart</c>)
/// recomputes the rollups from stored reports.
/// </remarks>
public sealed class RecordingReportSink(IReportSink inner, RollupStore rollups, ILogger<RecordingReportSink> logger)
    : IReportSink, IReportSinkDecorator, IAsyncDisposable
{
    public IReportSink Inner => inner;

    public string Name => inner.Name;

    public async Task WriteAsync(IReadOnlyList<BufferedReport> batch, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(batch, cancellationToken);
        try
        {
            await rollups.UpsertAsync(batch, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            InsightsLog.RollupFailed(logger, exception, batch.Count, rollups.Name);
        }
    }

    public async Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default)
    {
        var removed = await inner.DeleteInstanceAsync(instanceKey, cancellationToken);
        await rollups.DeleteInstanceAsync(instanceKey, cancellationToken);
        return removed;
    }

    public IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, CancellationToken cancellationToken = default) =>
        inner.ExportInstanceAsync(instanceKey, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
            default:
                break;
        }
    }
}
