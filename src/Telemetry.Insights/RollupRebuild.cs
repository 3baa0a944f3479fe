using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemetry.Buffer;
using Telemetry.Insights.Internal;
using Telemetry.Upload;

namespace Telemetry.Insights;

/// <summary>
/// Recomputes the rollups from the reports the sink holds: at start when the rollups are empty (insights turned
/// on for a collector that already stored reports) or when <see cref="InsightsOptions.RebuildOnStart"/> is set,
/// and on demand. Reports stored meanwhile are merged as usual, so nothing is missed.
/// </summary>
public sealed class RollupRebuild(IReportSink sink, RollupStore store, IOptions<InsightsOptions> options, ILogger<RollupRebuild> logger)
    : BackgroundService
{
    private const int Chunk = 5000;

    /// <summary>
    /// Empties the rollups and merges every stored report again; returns the reports read. With
    /// <see cref="InsightsOptions.RawReportRetention"/> set, the days whose raw reports retention may have deleted
    /// are kept as they are (merging the surviving reports into them again changes nothing: the latest report of a
    /// day wins), and only the later days are emptied and recomputed.
    /// </summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken = default)
    {
        if (IReportSinkDecorator.Unwrap(sink) is not IStoredReportSource source)
        {
            throw new InvalidOperationException($"The \"{sink.Name}\" sink keeps no reports to rebuild rollups from.");
        }

        if (options.Value.RawReportRetention is { } retention)
        {
            // Reports that arrived before the cutoff may be gone; a day after the cutoff's day holds only reports
            // that arrived after it.
            var cutoff = TimeProvider.System.GetUtcNow() - retention;
            await store.DeleteFromDayAsync(DateOnly.FromDateTime(cutoff.UtcDateTime).AddDays(1), cancellationToken);
        }
        else
        {
            await store.TruncateAsync(cancellationToken);
        }

        long read = 0;
        var chunk = new List<BufferedReport>(Chunk);
        await foreach (var stored in source.ReadAllAsync(cancellationToken))
        {
            var report = stored.Report;
            chunk.Add(new BufferedReport(0, string.Empty, report.ReportId, ReportRouting.Product(report), stored.ArrivalTime, ReadOnlyMemory<byte>.Empty, report));
            if (chunk.Count == Chunk)
            {
                await store.UpsertAsync(chunk, cancellationToken);
                read += chunk.Count;
                chunk.Clear();
            }
        }

        await store.UpsertAsync(chunk, cancellationToken);
        return read + chunk.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (IReportSinkDecorator.Unwrap(sink) is not IStoredReportSource)
        {
            return;
        }

        try
        {
            if (!options.Value.RebuildOnStart && !await store.IsEmptyAsync(stoppingToken))
            {
                return;
            }

            var started = TimeProvider.System.GetTimestamp();
            var reports = await RunAsync(stoppingToken);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            InsightsLog.Rebuilt(logger, reports, store.Name, elapsed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            InsightsLog.RebuildFailed(logger, exception, store.Name);
        }
    }
}
