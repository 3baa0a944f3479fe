using Microsoft.Extensions.Logging;

namespace Telemetry.Insights.Internal;

/// <summary>The insights log lines, with stable event IDs.</summary>
internal static partial class InsightsLog
{
    [LoggerMessage(EventId = 6001, EventName = "RollupFailed", Level = LogLevel.Error, Message = "Rollups missed a stored batch of {Count} reports in the {Store} store; a rebuild (Insights:RebuildOnStart) recomputes them")]
    public static partial void RollupFailed(ILogger logger, Exception exception, int count, string store);

    [LoggerMessage(EventId = 6002, EventName = "RollupsRebuilt", Level = LogLevel.Information, Message = "Rollups rebuilt from {Reports} stored reports in the {Store} store in {Elapsed}")]
    public static partial void Rebuilt(ILogger logger, long reports, string store, TimeSpan elapsed);

    [LoggerMessage(EventId = 6003, EventName = "RollupRebuildFailed", Level = LogLevel.Error, Message = "Rebuilding the rollups in the {Store} store failed; they hold what was merged so far")]
    public static partial void RebuildFailed(ILogger logger, Exception exception, string store);

    [LoggerMessage(EventId = 6004, EventName = "RawReportsExpired", Level = LogLevel.Information, Message = "Deleted {Reports} raw reports that arrived before {Cutoff:u} from the {Sink} sink (Insights:RawReportRetention {Retention}); the rollups keep their aggregates")]
    public static partial void RawReportsExpired(ILogger logger, long reports, DateTimeOffset cutoff, string sink, TimeSpan retention);

    [LoggerMessage(EventId = 6005, EventName = "RetentionFailed", Level = LogLevel.Warning, Message = "Deleting expired raw reports from the {Sink} sink failed; retried in {Interval}")]
    public static partial void RetentionFailed(ILogger logger, Exception exception, string sink, TimeSpan interval);
}
