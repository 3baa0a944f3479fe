namespace Telemetry.Buffer.Scripts;

/// <summary>Appends reports to one shard stream.</summary>
public static class AppendScript
{
    /// <summary>
    /// KEYS[1] stream, KEYS[2] statistics hash, KEYS[3..] the dedup key of each report. ARGV[1] dedup window ms,
    /// ARGV[2] max entries, ARGV[3] max bytes, ARGV[4] group, then per report (i from 0) ARGV[5 + 3i] report_id,
    /// ARGV[6 + 3i] product, ARGV[7 + 3i] report bytes. Each report is deduplicated, checked against the high-water
    /// marks and appended in turn, exactly as if it had a script call of its own. Returns {server ms, entries, bytes,
    /// appended entries, appended bytes} after the last report, then {status, entry id or ''} per report with status
    /// 1 accepted, 2 duplicate, 3 overloaded. A duplicate is answered before the marks are checked, so that a retry of
    /// an accepted report is never told to come back later: the dedup key is set first (one command instead of a check
    /// and a set) and removed again when the report is refused for the marks. The group is created with a missing
    /// stream, so that a stream lost with Redis's data is recreated with its group (entries are never added without one).
    /// </summary>
    public const string Lua = """
        local t = redis.call('TIME')
        local now_ms = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
        local stats = redis.call('HMGET', KEYS[2], 'bytes', 'appended_entries', 'appended_bytes')
        local bytes = tonumber(stats[1]) or 0
        local appended_entries = tonumber(stats[2]) or 0
        local appended_bytes = tonumber(stats[3]) or 0
        local length = redis.call('XLEN', KEYS[1])
        local max_entries = tonumber(ARGV[2])
        local max_bytes = tonumber(ARGV[3])
        local added_bytes = 0
        local added_entries = 0
        local checked_stream = false
        local reply = {now_ms, 0, 0, 0, 0}
        for i = 3, #KEYS do
          local a = 5 + (i - 3) * 3
          local status = 2
          local id = ''
          if not redis.call('SET', KEYS[i], '1', 'NX', 'PX', ARGV[1]) then
            status = 2
          elseif length >= max_entries or bytes >= max_bytes then
            redis.call('DEL', KEYS[i])
            status = 3
          else
            if not checked_stream then
              if redis.call('EXISTS', KEYS[1]) == 0 then
                redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[4], '0', 'MKSTREAM')
              end
              checked_stream = true
            end
            id = redis.call('XADD', KEYS[1], '*', 'report_id', ARGV[a], 'product', ARGV[a + 1], 'arrival_ms', now_ms, 'report', ARGV[a + 2])
            local size = string.len(ARGV[a + 2])
            length = length + 1
            bytes = bytes + size
            added_entries = added_entries + 1
            added_bytes = added_bytes + size
            status = 1
          end
          reply[#reply + 1] = status
          reply[#reply + 1] = id
        end
        if added_entries > 0 then
          redis.call('HINCRBY', KEYS[2], 'bytes', added_bytes)
          redis.call('HINCRBY', KEYS[2], 'appended_entries', added_entries)
          redis.call('HINCRBY', KEYS[2], 'appended_bytes', added_bytes)
        end
        reply[2] = length
        reply[3] = bytes
        reply[4] = appended_entries + added_entries
        reply[5] = appended_bytes + added_bytes
        return reply
        """;
}
