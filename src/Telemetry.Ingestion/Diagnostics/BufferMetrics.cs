using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Telemetry.Ingestion.Buffering;

namespace Telemetry.Ingestion.Diagnostics;

/// <summary>
/// The buffer's gauges per shard (entries, bytes, oldest-entry age, entries appended and deleted) and whether Redis
/// answered, on the <see cref="IngestionMetrics.MeterName"/> meter. Observable instruments report the last status read
/// by <see cref="RefreshAsync"/> (every <see cref="MetricsOptions.BufferInterval"/>, by <see cref="BufferMetricsSampler"/>),
/// so a scrape never waits for Redis. While Redis is unavailable, <c>telemetry.buffer.up</c> is 0 and the shard
/// instruments report nothing.
/// </summary>
public sealed partial class BufferMetrics
{
    /// <summary>Attribute naming the buffer shard.</summary>
    public const string ShardAttribute = Telemetry.Buffer.BufferTelemetry.ShardAttribute;

    private readonly IReportBuffer _buffer;
    private readonly ILogger<BufferMetrics> _logger;
    private volatile Snapshot _latest = new(null, null);

    public BufferMetrics(IMeterFactory meterFactory, IReportBuffer buffer, ILogger<BufferMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _buffer = buffer;
        _logger = logger;
        var meter = meterFactory.Create(IngestionMetrics.MeterName);
        meter.CreateObservableGauge("telemetry.buffer.up", () => _latest.Shards is null ? 0 : 1, unit: null,
            "Whether the buffer (Redis) answered the last status read: 1 or 0.");
        meter.CreateObservableUpDownCounter("telemetry.buffer.entries", () => Measure(s => s.Entries), "{entry}",
            "Entries in the shard stream, not yet removed by the uploader.");
        meter.CreateObservableUpDownCounter("telemetry.buffer.size", () => Measure(s => s.Bytes), "By",
            "Approximate report bytes in the shard stream.");
        meter.CreateObservableGauge("telemetry.buffer.oldest_entry.age", () => Measure(s => s.OldestEntryAge?.TotalSeconds ?? 0), "s",
            "Age of the oldest entry in the shard stream, on Redis's clock; 0 when the shard is empty.");
        meter.CreateObservableCounter("telemetry.buffer.appended", () => Measure(s => s.AppendedEntries), "{entry}",
            "Entries ever appended to the shard stream.");
        meter.CreateObservableCounter("telemetry.buffer.deleted", () => Measure(s => s.DeletedEntries), "{entry}",
            "Entries removed from the shard stream after upload.");
    }

    /// <summary>The shards' status at the last successful read; null before one, or when the last read failed.</summary>
    public IReadOnlyList<ShardStatus>? Shards => _latest.Shards;

    /// <summary>When the status was last read successfully; null before the first success.</summary>
    public DateTimeOffset? ReadAt => _latest.ReadAt;

    /// <summary>Reads every shard's status from Redis; on failure the gauges say the buffer is down.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var shards = await _buffer.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            _latest = new Snapshot(shards, DateTimeOffset.UtcNow);
        }
        catch (BufferUnavailableException exception)
        {
            _latest = new Snapshot(null, _latest.ReadAt);
            Log.GaugesUnavailable(_logger, exception.Message);
        }
    }

    private Measurement<T>[] Measure<T>(Func<ShardStatus, T> value)
        where T : struct
    {
        if (_latest.Shards is not { } shards)
        {
            return [];
        }

        var measurements = new Measurement<T>[shards.Count];
        for (var i = 0; i < shards.Count; i++)
        {
            measurements[i] = new Measurement<T>(value(shards[i]), new KeyValuePair<string, object?>(ShardAttribute, shards[i].Shard));
        }

        return measurements;
    }

    private sealed record Snapshot(IReadOnlyList<ShardStatus>? Shards, DateTimeOffset? ReadAt);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2011, EventName = "BufferGaugesUnavailable", Level = LogLevel.Warning,
            Message = "Could not read the buffer gauges from Redis: {Reason}")]
        public static partial void GaugesUnavailable(ILogger logger, string reason);
    }
}
