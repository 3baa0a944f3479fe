namespace Telemetry.Buffer.Scripts;

/// <summary>The upload rate limit shared by every uploader.</summary>
public static class UploadGcraScript
{
    /// <summary>
    /// GCRA over several limits at once (batches and bytes), all or nothing. The clock is Redis's TIME, shared by
    /// every uploader. Integers only, in microseconds: each limit takes the increment its cost adds to the
    /// theoretical arrival time and the tolerance (burst) it may run ahead of now.
    /// KEYS: one per limit. ARGV: (increment µs, tolerance µs) per key. Returns 0 when allowed, else the µs to wait.
    /// </summary>
    public const string Lua = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local wait, tats = 0, {}
        for i = 1, #KEYS do
          local increment, tolerance = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
          local tat = math.max(tonumber(redis.call('GET', KEYS[i]) or 0), now)
          tats[i] = tat + increment
          local over = tats[i] - now - tolerance
          if over > wait then
            wait = over
          end
        end
        if wait > 0 then
          return wait
        end
        for i = 1, #KEYS do
          redis.call('SET', KEYS[i], tats[i], 'PX', math.max(1, math.ceil((tats[i] - now) / 1000)))
        end
        return 0
        """;
}
