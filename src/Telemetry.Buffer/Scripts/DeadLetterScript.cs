namespace Telemetry.Buffer.Scripts;

/// <summary>Moves an entry the uploader cannot store to its shard's dead letters.</summary>
public static class DeadLetterScript
{
    /// <summary>
    /// Moves one entry to the dead-letter stream: XADD there, XACK and XDEL here, its report_id out of the report-ids
    /// generations and the byte counter, in one step.
    /// Does nothing when the entry is already gone (another uploader stored it, or a data-rights deletion removed it).
    /// KEYS: stream, dead-letter stream, stats, report-ids key of generation 0. ARGV: group, entry ID, payload bytes, report_id, product,
    /// arrival_ms, report, reason, attempts, first_seen_ms. Returns 1 when moved, 0 when the entry was gone.
    /// </summary>
    public const string Lua = ReportIdGenerations.Functions + """
        if #redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2]) == 0 then
          redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
          return 0
        end
        redis.call('XADD', KEYS[2], '*', 'report_id', ARGV[4], 'product', ARGV[5], 'arrival_ms', ARGV[6],
          'report', ARGV[7], 'reason', ARGV[8], 'attempts', ARGV[9], 'first_seen_ms', ARGV[10], 'source_id', ARGV[2])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        ids_forget(KEYS[4], KEYS[3], {ARGV[4]})
        redis.call('HINCRBY', KEYS[3], 'bytes', -tonumber(ARGV[3]))
        return 1
        """;
}
