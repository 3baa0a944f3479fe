using System.Globalization;
using Microsoft.Extensions.Logging;
using Telemetry.Ingestion.Buffering;

namespace Telemetry.Ingestion.Diagnostics;

/// <summary>
/// Writes everything the host's <c>/metrics</c> endpoint serves: the in-process <see cref="IngestionMetrics"/> and
/// the buffer gauges, read from Redis at scrape time (depth, bytes and oldest-entry age per shard). When Redis is
/// unavailable, <c>telemetry_buffer_up</c> is 0 and the shard gauges are omitted.
/// </summary>
public sealed partial class MetricsExporter
{
    /// <summary>The Content-Type of the output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly IngestionMetrics _metrics;
    private readonly IReportBuffer _buffer;
    private readonly ILogger<MetricsExporter> _logger;

    public MetricsExporter(IngestionMetrics metrics, IReportBuffer buffer, ILogger<MetricsExporter> logger)
    {
        _metrics = metrics;
        _buffer = buffer;
        _logger = logger;
    }

    /// <summary>Reads the buffer gauges and writes every metric to <paramref name="writer"/>.</summary>
    public async Task WriteAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IReadOnlyList<ShardStatus>? shards = null;
        try
        {
            shards = await _buffer.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BufferUnavailableException exception)
        {
            Log.GaugesUnavailable(_logger, exception.Message);
        }

        _metrics.WriteTo(writer);
        WriteBufferGauges(writer, shards);
    }

    /// <summary>Writes the buffer gauges of <paramref name="shards"/>; null means Redis was unavailable.</summary>
    public static void WriteBufferGauges(TextWriter writer, IReadOnlyList<ShardStatus>? shards)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("# HELP telemetry_buffer_up Whether the buffer (Redis) answered the scrape.\n");
        writer.Write("# TYPE telemetry_buffer_up gauge\n");
        writer.Write(shards is null ? "telemetry_buffer_up 0\n" : "telemetry_buffer_up 1\n");
        if (shards is null)
        {
            return;
        }

        Gauge(writer, shards, "telemetry_buffer_entries", "Entries in the shard stream, not yet deleted by the uploader.", s => s.Entries);
        Gauge(writer, shards, "telemetry_buffer_bytes", "Approximate report bytes in the shard stream.", s => s.Bytes);
        Gauge(writer, shards, "telemetry_buffer_oldest_entry_age_seconds", "Age of the oldest entry in the shard stream; 0 when empty.",
            s => s.OldestEntryAge?.TotalSeconds ?? 0);
        Counter(writer, shards, "telemetry_buffer_appended_entries_total", "Entries ever appended to the shard stream.", s => s.AppendedEntries);
        Counter(writer, shards, "telemetry_buffer_deleted_entries_total", "Entries deleted from the shard stream after upload.", s => s.DeletedEntries);
    }

    private static void Gauge(TextWriter writer, IReadOnlyList<ShardStatus> shards, string name, string help, Func<ShardStatus, double> value) =>
        Family(writer, shards, name, help, "gauge", value);

    private static void Counter(TextWriter writer, IReadOnlyList<ShardStatus> shards, string name, string help, Func<ShardStatus, double> value) =>
        Family(writer, shards, name, help, "counter", value);

    private static void Family(TextWriter writer, IReadOnlyList<ShardStatus> shards, string name, string help, string type, Func<ShardStatus, double> value)
    {
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n"));
        foreach (var shard in shards)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{name}{{shard=\"{shard.Shard}\"}} {value(shard):R}\n"));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, EventName = "BufferGaugesUnavailable", Level = LogLevel.Warning,
            Message = "Could not read the buffer gauges from Redis: {Reason}")]
        public static partial void GaugesUnavailable(ILogger logger, string reason);
    }
}
