using System.Text;
using Google.Protobuf;
using Telemetry.Buffer;
using Telemetry.V1;

namespace Telemetry.Upload.Internal;

/// <summary>A stream entry this uploader holds (delivered to it and not yet acknowledged).</summary>
internal sealed class PendingEntry
{
    private PendingEntry(BufferEntry raw, int shard, long deliveries)
    {
        Raw = raw;
        Shard = shard;
        Deliveries = deliveries;
        Payload = raw.TryGet(BufferFields.Report, out var payload) ? payload : ReadOnlyMemory<byte>.Empty;
    }

    public BufferEntry Raw { get; }

    public int Shard { get; }

    public string Id => Raw.Id;

    public ReadOnlyMemory<byte> Payload { get; }

    public long Size => Payload.Length;

    /// <summary>The delivery count as XPENDING counts it; 0 while unknown (an entry claimed from another consumer).</summary>
    public long Deliveries { get; set; }

    public BufferedReport? Report { get; private set; }

    /// <summary>Why the entry cannot be uploaded at all; it goes to the dead letters at once.</summary>
    public string? MalformedReason { get; private set; }

    public string ReportId => Report?.ReportId ?? Raw.Text(BufferFields.ReportId) ?? string.Empty;

    public static PendingEntry From(BufferEntry raw, int shard, long deliveries)
    {
        var entry = new PendingEntry(raw, shard, deliveries);
        entry.Parse();
        return entry;
    }

    private void Parse()
    {
        if (!Raw.Has(BufferFields.Report))
        {
            MalformedReason = "the entry has no report field";
            return;
        }

        UsageReport report;
        try
        {
            report = UsageReport.Parser.ParseFrom(Payload.Span);
        }
        catch (InvalidProtocolBufferException exception)
        {
            MalformedReason = "the report is not a valid UsageReport: " + exception.Message;
            return;
        }

        var reportId = EntryReportId(report);
        if (reportId.Length == 0)
        {
            MalformedReason = "the report has no report_id";
            return;
        }

        var arrival = Raw.TryGetInt64(BufferFields.Arrival, out var ms) ? ms : Raw.IdMilliseconds;
        Report = new BufferedReport(
            Shard,
            Raw.Id,
            reportId,
            Raw.Text(BufferFields.Product) ?? string.Empty,
            DateTimeOffset.FromUnixTimeMilliseconds(arrival),
            Payload,
            report);
    }

    // The entry's report_id field, else the report's own. They are normally equal, and then the report's string is
    // reused rather than a second one decoded.
    private string EntryReportId(UsageReport report)
    {
        if (!Raw.TryGet(BufferFields.ReportId, out var id) || id.Length == 0)
        {
            return report.ReportId;
        }

        return Ascii.Equals(id.Span, report.ReportId) ? report.ReportId : Encoding.UTF8.GetString(id.Span);
    }
}
