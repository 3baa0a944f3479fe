namespace Telemetry.Buffer;

/// <summary>The field names of the buffer's stream entries, dead letters and shard statistics hash.</summary>
public static class BufferFields
{
    /// <summary>Stream entry field: the report's UUID.</summary>
    public const string ReportId = "report_id";

    /// <summary>Stream entry field: the product name.</summary>
    public const string Product = "product";

    /// <summary>Stream entry field: when the collector accepted the report, in Unix milliseconds.</summary>
    public const string Arrival = "arrival_ms";

    /// <summary>Stream entry field: the serialized <c>UsageReport</c>.</summary>
    public const string Report = "report";

    /// <summary>Dead letter field: why the entry could not be stored.</summary>
    public const string Reason = "reason";

    /// <summary>Dead letter field: how often it was delivered.</summary>
    public const string Attempts = "attempts";

    /// <summary>Dead letter field: when it first entered the buffer, in Unix milliseconds.</summary>
    public const string FirstSeen = "first_seen_ms";

    /// <summary>Dead letter field: the entry ID it had in the shard stream.</summary>
    public const string SourceId = "source_id";

    /// <summary>Statistics hash field: payload bytes of the reports in the stream.</summary>
    public const string StatsBytes = "bytes";

    /// <summary>Statistics hash field: entries ever appended to the shard (a counter).</summary>
    public const string StatsAppendedEntries = "appended_entries";

    /// <summary>Statistics hash field: payload bytes ever appended to the shard (a counter).</summary>
    public const string StatsAppendedBytes = "appended_bytes";
}
