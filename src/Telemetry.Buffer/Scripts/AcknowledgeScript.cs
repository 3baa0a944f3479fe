using StackExchange.Redis;

namespace Telemetry.Buffer.Scripts;

/// <summary>Acknowledges stored entries and removes them from their shard stream.</summary>
public static class AcknowledgeScript
{
    /// <summary>
    /// Acknowledges entries, removes them from the stream, forgets their report_ids and gives their bytes back to the
    /// shard counter, in one step. With a trim bound (the uploader, after the sink stored the entries) and no entry
    /// before the bound still pending, which is the normal case of a shard drained in order, everything before the
    /// bound is trimmed: XTRIM MINID drops whole stream nodes, while XDEL of each ID costs Redis about ten times as
    /// much. Every entry before the highest stored one was delivered, since the group delivers in order, so none
    /// pending means all were acknowledged (and removed with their report_ids by the call that acknowledged them).
    /// Otherwise (another uploader holds older entries, or no bound: a data-rights deletion of entries anywhere in
    /// the stream) the IDs are deleted one by one. When some entries were already gone (two uploaders after a claim,
    /// or a data-rights deletion), the counter goes down by the removed share of the bytes, so nothing is counted
    /// twice.
    /// KEYS: stream, stats, report-ids hash. ARGV: group, total payload bytes, the trim bound (the ID just after the
    /// highest entry, or empty), then (entry ID, report_id) pairs. Returns the number removed.
    /// </summary>
    public const string Lua = """
        local function before(a, b)
          local am, as = string.match(a, '^(%d+)-(%d+)$')
          local bm, bs = string.match(b, '^(%d+)-(%d+)$')
          if tonumber(am) ~= tonumber(bm) then
            return tonumber(am) < tonumber(bm)
          end
          return tonumber(as) < tonumber(bs)
        end
        local ids, report_ids = {}, {}
        for i = 4, #ARGV, 2 do
          ids[#ids + 1] = ARGV[i]
          report_ids[#report_ids + 1] = ARGV[i + 1]
        end
        if #ids == 0 then
          return 0
        end
        redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
        local removed
        local pending = ARGV[3] ~= '' and redis.call('XPENDING', KEYS[1], ARGV[1])
        if pending and (pending[1] == 0 or not before(pending[2], ARGV[3])) then
          removed = redis.call('XTRIM', KEYS[1], 'MINID', ARGV[3])
        else
          removed = redis.call('XDEL', KEYS[1], unpack(ids))
        end
        redis.call('HDEL', KEYS[3], unpack(report_ids))
        local freed = tonumber(ARGV[2])
        if removed < #ids then
          freed = math.floor(freed * removed / #ids)
        end
        if freed > 0 then
          redis.call('HINCRBY', KEYS[2], 'bytes', -freed)
        end
        return removed
        """;

    /// <summary>
    /// Most entries one call may carry: Lua's unpack is limited by the C stack (LUAI_MAXCSTACK, 8000).
    /// </summary>
    public const int MaxEntries = 4000;

    /// <summary>The KEYS of <see cref="Lua"/> for shard <paramref name="shard"/>.</summary>
    public static RedisKey[] Keys(BufferKeyspace keys, int shard)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return [keys.Stream(shard), keys.Stats(shard), keys.ReportIds(shard)];
    }

    /// <summary>
    /// The ARGV of <see cref="Lua"/>: the group, the entries' total payload bytes, the trim bound (empty for none),
    /// then the (entry ID, report_id) pairs.
    /// </summary>
    public static RedisValue[] Arguments(IReadOnlyList<(string Id, string ReportId)> entries, long bytes, string trimBound)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var arguments = new RedisValue[3 + (2 * entries.Count)];
        arguments[0] = BufferKeyspace.ConsumerGroup;
        arguments[1] = bytes;
        arguments[2] = trimBound;
        for (var i = 0; i < entries.Count; i++)
        {
            arguments[3 + (2 * i)] = entries[i].Id;
            arguments[4 + (2 * i)] = entries[i].ReportId;
        }

        return arguments;
    }
}
