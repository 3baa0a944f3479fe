namespace Telemetry.Buffer.Scripts;

/// <summary>Moves a dead letter back to its shard stream.</summary>
public static class ReplayScript
{
    /// <summary>
    /// Moves a dead letter back to the main stream in one step, so a replay can neither lose nor duplicate it (the
    /// duplicate check is deliberately bypassed: the report was accepted once and never stored); its report_id goes
    /// back into the current report-ids generation. KEYS: dead-letter stream, stream, stats, report-ids key of
    /// generation 0. ARGV: dead-letter entry ID. Returns the new entry ID, or nil when
    /// the dead letter does not exist.
    /// </summary>
    public const string Lua = ReportIdGenerations.Functions + """
        local found = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
        if #found == 0 then
          return false
        end
        local fields, entry = found[1][2], {}
        for i = 1, #fields, 2 do
          entry[fields[i]] = fields[i + 1]
        end
        local id = redis.call('XADD', KEYS[2], '*', 'report_id', entry['report_id'], 'product', entry['product'],
          'arrival_ms', entry['arrival_ms'], 'report', entry['report'])
        local _, current = ids_generations(KEYS[3])
        redis.call('HSET', ids_key(KEYS[4], current), entry['report_id'], id)
        redis.call('HINCRBY', KEYS[3], 'bytes', string.len(entry['report']))
        redis.call('XDEL', KEYS[1], ARGV[1])
        return id
        """;
}
