namespace Telemetry.Ingestion.Buffering;

/// <summary>The state of one buffer shard, read from Redis (for gauges and for the drain rate).</summary>
/// <param name="Shard">The shard number.</param>
/// <param name="Entries">Entries in the stream (XLEN): appended and not yet deleted by the uploader.</param>
/// <param name="Bytes">Approximate payload bytes in the stream.</param>
/// <param name="OldestEntryAge">Age of the oldest entry by its ID's timestamp, on Redis's clock; null when empty.</param>
/// <param name="AppendedEntries">Entries ever appended to the shard (a counter).</param>
/// <param name="AppendedBytes">Payload bytes ever appended to the shard (a counter).</param>
public readonly record struct ShardStatus(int Shard, long Entries, long Bytes, TimeSpan? OldestEntryAge, long AppendedEntries, long AppendedBytes)
{
    /// <summary>Entries deleted by the uploader so far: appended minus still present.</summary>
    public long DeletedEntries => Math.Max(0, AppendedEntries - Entries);

    /// <summary>Payload bytes deleted by the uploader so far.</summary>
    public long DeletedBytes => Math.Max(0, AppendedBytes - Bytes);
}
