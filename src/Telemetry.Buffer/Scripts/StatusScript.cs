namespace Telemetry.Buffer.Scripts;

/// <summary>Reads the state of one shard.</summary>
public static class StatusScript
{
    /// <summary>
    /// KEYS[1] stream, KEYS[2] statistics hash. Returns {server ms, entries, first entry id or '', bytes,
    /// appended entries, appended bytes}.
    /// </summary>
    public const string Lua = """
        local t = redis.call('TIME')
        local now_ms = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
        local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
        local first_id = ''
        if #first > 0 then first_id = first[1][1] end
        local stats = redis.call('HMGET', KEYS[2], 'bytes', 'appended_entries', 'appended_bytes')
        return {now_ms, redis.call('XLEN', KEYS[1]), first_id, tonumber(stats[1]) or 0, tonumber(stats[2]) or 0, tonumber(stats[3]) or 0}
        """;
}
