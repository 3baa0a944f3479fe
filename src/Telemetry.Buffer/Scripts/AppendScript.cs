namespace Telemetry.Buffer.Scripts;

/// <summary>
/// Appends a batch of reports to one shard stream in one step: for each report in turn the duplicate check, the
/// high-water marks, the instance's rate limit (GCRA) and the append, exactly as if it had a script call of its own.
/// </summary>
/// <remarks>
/// <para>KEYS[1] stream, KEYS[2] statistics hash, KEYS[3] the report-ids key of generation 0 (the others are derived
/// from it, <see cref="ReportIdGenerations"/>), then per report (i from 0) KEYS[4 + i] its rate-limit key. ARGV[1] max
/// entries, ARGV[2] max bytes, ARGV[3] group, ARGV[4] <c>1</c> to refuse every new report as overloaded (Redis memory
/// is above its mark), ARGV[5] the report-ids generation size, then per report ARGV[6 + 5i] report_id, ARGV[7 + 5i]
/// product, ARGV[8 + 5i] report bytes, ARGV[9 + 5i] the rate limit's emission interval in µs (0: not limited),
/// ARGV[10 + 5i] its burst.</para>
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
    public const int FixedArguments = 5;

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
    public const string Lua = ReportIdGenerations.Functions + """
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
        local generation_size = tonumber(ARGV[5])
        local first_gen, gen = ids_generations(KEYS[2])
        local generations = {}
        for n = first_gen, gen do
          generations[#generations + 1] = ids_key(KEYS[3], n)
        end
        local in_current = redis.call('HLEN', generations[#generations])
        local function seen(report_id)
          for g = #generations, 1, -1 do
            if redis.call('HEXISTS', generations[g], report_id) == 1 then
              return true
            end
          end
          return false
        end
        local added_bytes = 0
        local added_entries = 0
        local checked_stream = false
        local reply = {now_ms, 0, 0, 0, 0}
        for i = 0, #KEYS - 4 do
          local a = 6 + i * 5
          local status, value = 1, ''
          if seen(ARGV[a]) then
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
              if in_current >= generation_size then
                -- Close the current generation at the stream's last entry (the report about to be appended opens the next).
                local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
                redis.call('HSET', KEYS[2], 'ids_end:' .. gen, #last > 0 and last[1][1] or '0-0', 'ids_last', gen + 1)
                gen = gen + 1
                generations[#generations + 1] = ids_key(KEYS[3], gen)
                in_current = 0
              end
              value = redis.call('XADD', KEYS[1], '*', 'report_id', ARGV[a], 'product', ARGV[a + 1], 'arrival_ms', now_ms, 'report', ARGV[a + 2])
              redis.call('HSET', generations[#generations], ARGV[a], value)
              in_current = in_current + 1
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
