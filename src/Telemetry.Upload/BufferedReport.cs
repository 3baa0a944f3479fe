using Telemetry.Buffer;
using Telemetry.V1;

namespace Telemetry.Upload;

/// <summary>One report read from a buffer shard, as a sink receives it.</summary>
/// <param name="Shard">The buffer shard the entry is in.</param>
/// <param name="EntryId">The stream entry ID, such as <c>1700000000000-0</c>.</param>
/// <param name="ReportId">The report's UUID, its idempotency key in every sink.</param>
/// <param name="Product">The product name written by the buffer.</param>
/// <param name="ArrivalTime">When the service accepted the report.</param>
/// <param name="Payload">The serialized <see cref="UsageReport"/> exactly as buffered.</param>
/// <param name="Report">The parsed report.</param>
public sealed record BufferedReport(
    int Shard,
    string EntryId,
    string ReportId,
    string Product,
    DateTimeOffset ArrivalTime,
    ReadOnlyMemory<byte> Payload,
    UsageReport Report)
{
    /// <summary>The installation the report belongs to: its cluster_id, or its instance_id when it has none.</summary>
    public string InstanceKey => InstanceKeys.Of(Report);
}
