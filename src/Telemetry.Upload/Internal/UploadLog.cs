using Microsoft.Extensions.Logging;

namespace Telemetry.Upload.Internal;

internal static partial class UploadLog
{
    [LoggerMessage(EventId = 3001, EventName = "UploaderStarted", Level = LogLevel.Information,
        Message = "Uploader {Consumer} started on {Shards} shards, sink {Sink}")]
    public static partial void UploaderStarted(ILogger logger, string consumer, int shards, string sink);

    [LoggerMessage(EventId = 3002, EventName = "UploaderStopped", Level = LogLevel.Information,
        Message = "Uploader {Consumer} stopped")]
    public static partial void UploaderStopped(ILogger logger, string consumer);

    [LoggerMessage(EventId = 3003, EventName = "SinkUnavailable", Level = LogLevel.Warning,
        Message = "Sink {Sink} unavailable for a batch of {Reports} reports from shard {Shard}; retrying in {Delay}")]
    public static partial void SinkUnavailable(ILogger logger, Exception exception, string sink, int reports, int shard, TimeSpan delay);

    [LoggerMessage(EventId = 3004, EventName = "SinkThrottled", Level = LogLevel.Information,
        Message = "Sink {Sink} asked to retry after {RetryAfter}")]
    public static partial void SinkThrottled(ILogger logger, string sink, TimeSpan retryAfter);

    [LoggerMessage(EventId = 3005, EventName = "UploadFailed", Level = LogLevel.Warning,
        Message = "Sink {Sink} failed a batch of {Reports} reports from shard {Shard}; retrying in {Delay}")]
    public static partial void UploadFailed(ILogger logger, Exception exception, string sink, int reports, int shard, TimeSpan delay);

    [LoggerMessage(EventId = 3006, EventName = "DeadLettered", Level = LogLevel.Warning,
        Message = "Report {ReportId} (entry {EntryId}, shard {Shard}) moved to the dead letters after {Attempts} deliveries: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string reportId, string entryId, int shard, long attempts, string reason);

    [LoggerMessage(EventId = 3007, EventName = "EntriesClaimed", Level = LogLevel.Information,
        Message = "Claimed {Count} pending entries of shard {Shard} from stopped uploaders")]
    public static partial void EntriesClaimed(ILogger logger, int count, int shard);

    [LoggerMessage(EventId = 3008, EventName = "RedisUnavailable", Level = LogLevel.Warning,
        Message = "Redis unavailable while working on shard {Shard}; retrying in {Delay}")]
    public static partial void RedisUnavailable(ILogger logger, Exception exception, int shard, TimeSpan delay);

    [LoggerMessage(EventId = 3009, EventName = "GroupRecreated", Level = LogLevel.Warning,
        Message = "Consumer group missing on {Stream} (NOGROUP); recreated it from the stream's start")]
    public static partial void GroupRecreated(ILogger logger, string stream);

    [LoggerMessage(EventId = 3010, EventName = "ShutdownFlushAbandoned", Level = LogLevel.Warning,
        Message = "Shutdown deadline reached with {Reports} reports of shard {Shard} in hand; they stay pending for another uploader")]
    public static partial void ShutdownFlushAbandoned(ILogger logger, int reports, int shard);

    [LoggerMessage(EventId = 3013, EventName = "ShutdownReadSkipped", Level = LogLevel.Warning,
        Message = "Could not read the last reports of shard {Shard} while stopping; they stay buffered for the next uploader")]
    public static partial void ShutdownReadSkipped(ILogger logger, int shard);

    [LoggerMessage(EventId = 3011, EventName = "UnexpectedError", Level = LogLevel.Error,
        Message = "Unexpected error on shard {Shard}; retrying in {Delay}")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, int shard, TimeSpan delay);

    [LoggerMessage(EventId = 3012, EventName = "MetricsRefreshFailed", Level = LogLevel.Debug,
        Message = "Could not refresh the buffer gauges")]
    public static partial void MetricsRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3014, EventName = "LeaseRenewalFailed", Level = LogLevel.Warning,
        Message = "Could not renew or release the uploader lease; Redis unavailable")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3015, EventName = "OrphansClaimed", Level = LogLevel.Information,
        Message = "Claimed {Count} pending entries of shard {Shard} from uploader {Owner}, whose lease has expired")]
    public static partial void OrphansClaimed(ILogger logger, int count, int shard, string owner);

    [LoggerMessage(EventId = 3016, EventName = "OwnEntriesRecovered", Level = LogLevel.Information,
        Message = "Took back {Count} pending entries of shard {Shard} that this uploader held but had lost track of")]
    public static partial void OwnEntriesRecovered(ILogger logger, int count, int shard);
}
