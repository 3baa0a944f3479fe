namespace Telemetry.Upload;

/// <summary>A report moved out of a shard stream because it could not be stored.</summary>
/// <param name="Shard">The shard whose dead-letter stream holds it.</param>
/// <param name="Id">Its entry ID in the dead-letter stream (what <c>replay --id</c> takes: <c>shard/id</c>).</param>
/// <param name="ReportId">The report's UUID.</param>
/// <param name="Product">The product name.</param>
/// <param name="Reason">Why it could not be stored (the sink's last answer).</param>
/// <param name="Attempts">Deliveries made before it was moved.</param>
/// <param name="FirstSeen">When it entered the buffer (the time of its original stream entry).</param>
/// <param name="ArrivalTime">When the service accepted it.</param>
/// <param name="Payload">The serialized report.</param>
public sealed record DeadLetter(
    int Shard,
    string Id,
    string ReportId,
    string Product,
    string Reason,
    long Attempts,
    DateTimeOffset FirstSeen,
    DateTimeOffset ArrivalTime,
    ReadOnlyMemory<byte> Payload)
{
    /// <summary>The reference <c>replay --id</c> takes: <c>&lt;shard&gt;/&lt;entry ID&gt;</c>.</summary>
    public string Reference => FormattableString.Invariant($"{Shard}/{Id}");
}
