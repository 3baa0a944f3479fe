using Microsoft.Extensions.Logging;

namespace Telemetry.Insights.Internal;

/// <summary>The insights log lines, with stable event IDs.</summary>
internal static partial class InsightsLog
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Rollups missed a stored batch of {Count} reports in the {Store} store; a rebuild recomputes them")]
    public static partial void RollupFailed(ILogger logger, Exception exception, int count, string store);
}
