namespace Telemetry.Buffer.Scripts;

/// <summary>
/// Appends a batch of reports to one shard stream in one step: for each report in turn the duplicate check, the
/// high-water marks, the instance's rate limit (GCRA) and the append, exactly as if it had a script call of its own.
/// </summary>
/// <remarks>
/// <para>KEYS[1] stream, KEYS[2] statistics hash, KEYS[3] the report-ids hash (report_id → entry ID of the reports
/// still in the stream), then per report (i from 0) KEYS[4 + i] its rate-limit key. ARGV[1] max entries, ARGV[2]
/// max bytes, ARGV[3] group, ARGV[4] <c>1</c> to refuse every new report as overloaded (Redis memory is above its
/// mark), then per report ARGV[5 + 5i] report_id, ARGV[6 + 5i] product, ARGV[7 + 5i] report bytes, ARGV[8 + 5i]
/// the rate limit's emission interval in µs (0: not limited), ARGV[9 + 5i] its burst.</para>
/// <para>Returns {server ms, entries, bytes, appended entries, appended bytes} after the last report, then
/// {status, value} per report: 1 accepted (the entry ID), 2 duplicate, 3 overloaded, 4 rate limited (the µs until
/// one report would be allowed).</para>
/// <para>Order: a duplicate is answered first, so a retry of an accepted report is never told to come back later
/// and spends no token; then the marks, so a refused report spends no token either; then the rate limit. The GCRA
/// state is one theoretical arrival time per instance in µs on Redis's clock (integers below 2^53), expiring when
/// the bucket is full again. The group is created with a missing stream, so that a stream lost with Redis's data is
/// recreated with its group (entries are never added without one).</para>
/// </remarks>
public static class AppendScript
{
    /// <summary>Arguments before the per-report ones.</summary>
    public const int FixedArguments = 4;

    /// <summary>Arguments per report.</summary>
    public const int ArgumentsPerReport = 5;

    /// <summary>Keys before the per-report ones.</summary>
    public const int FixedKeys = 3;

    /// <summary>Status of an accepted report.</summary>
    public const long Accepted = 1;

    /// <summary>Status of a duplicate.</summary>
    public const long Duplicate = 2;

    /// <summary>Status of a report refused for the high-water marks or Redis memory.</summary>
    public const long Overloaded = 3;

    /// <summary>Status of a report over its instance's rate limit.</summary>
    public const long RateLimited = 4;

    /// <summary>The script.</summary>
    public const string Lua = """
        local t = redis.call('TIME')
        local now_ms = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
        local now_us = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local stats = redis.call('HMGET', KEYS[2], 'bytes', 'appended_entries', 'appended_bytes')
        local bytes = tonumber(stats[1]) or 0
        local appended_entries = tonumber(stats[2]) or 0
        local appended_bytes = tonumber(stats[3]) or 0
        local length = redis.call('XLEN', KEYS[1])
        local max_entries = tonumber(ARGV[1])
        local max_bytes = tonumber(ARGV[2])
        local memory_full = ARGV[4] == '1'
        local added_bytes = 0
        local added_entries = 0
        local checked_stream = false
        local reply = {now_ms, 0, 0, 0, 0}
        for i = 0, #KEYS - 4 do
          local a = 5 + i * 5
          local status, value = 1, ''
          if redis.call('HEXISTS', KEYS[3], ARGV[a]) == 1 then
            status = 2
          elseif memory_full or length >= max_entries or bytes >= max_bytes then
            status = 3
          else
            local interval = tonumber(ARGV[a + 3])
            if interval > 0 then
              local limit = interval * tonumber(ARGV[a + 4])
              local tat = math.max(tonumber(redis.call('GET', KEYS[4 + i]) or 0), now_us)
              local new_tat = tat + interval
              if new_tat - now_us > limit then
                status, value = 4, new_tat - now_us - limit
              else
                redis.call('SET', KEYS[4 + i], new_tat, 'PX', math.ceil((new_tat - now_us) / 1000))
              end
            end
            if status == 1 then
              if not checked_stream then
                if redis.call('EXISTS', KEYS[1]) == 0 then
                  redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[3], '0', 'MKSTREAM')
                end
                checked_stream = true
              end
              value = redis.call('XADD', KEYS[1], '*', 'report_id', ARGV[a], 'product', ARGV[a + 1], 'arrival_ms', now_ms, 'report', ARGV[a + 2])
              redis.call('HSET', KEYS[3], ARGV[a], value)
              local size = string.len(ARGV[a + 2])
              length = length + 1
              bytes = bytes + size
              added_entries = added_entries + 1
              added_bytes = added_bytes + size
            end
          end
          reply[#reply + 1] = status
          reply[#reply + 1] = value
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
