using StackExchange.Redis;

namespace Telemetry.Buffer.Scripts;

/// <summary>Acknowledges stored entries and removes them from their shard stream.</summary>
public static class AcknowledgeScript
{
    /// <summary>
    /// Acknowledges entries, removes them from the stream and gives their bytes back to the shard counter, in one step.
    /// With a trim bound (the uploader, after the sink stored the entries) and no entry before the bound still
    /// pending, which is the normal case of a shard drained in order, everything before the bound is trimmed: XTRIM
    /// MINID drops whole stream nodes, while XDEL of each ID costs Redis about ten times as much. Every entry before the
    /// highest stored one was delivered, since the group delivers in order, so none pending means all were
    /// acknowledged (and removed by the call that acknowledged them). Otherwise (another uploader holds older entries,
    /// or no bound: a data-rights deletion of entries anywhere in the stream) the IDs are deleted one by one. When some
    /// entries were already gone (two uploaders after a claim, or a data-rights deletion), the counter goes down by the
    /// removed share of the bytes, so nothing is counted twice.
    /// The uploader's report_ids are not removed one by one: with a trim bound, the report-ids generations the stream
    /// has left behind are dropped whole (<see cref="ReportIdGenerations"/>). A data-rights deletion passes the
    /// report_ids to forget.
    /// KEYS: stream, stats, report-ids key of generation 0. ARGV: group, total payload bytes, the trim bound (the ID
    /// just after the highest entry, or empty), the number of entry IDs, the entry IDs, then report_ids to forget.
    /// Returns the number removed.
    /// </summary>
    public const string Lua = ReportIdGenerations.Functions + """
        local function before(a, b)
          local am, as = string.match(a, '^(%d+)-(%d+)$')
          local bm, bs = string.match(b, '^(%d+)-(%d+)$')
          if tonumber(am) ~= tonumber(bm) then
            return tonumber(am) < tonumber(bm)
          end
          return tonumber(as) < tonumber(bs)
        end
        local count = tonumber(ARGV[4])
        local ids, report_ids = {}, {}
        for i = 5, 4 + count do
          ids[#ids + 1] = ARGV[i]
        end
        for i = 5 + count, #ARGV do
          report_ids[#report_ids + 1] = ARGV[i]
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
        ids_forget(KEYS[3], KEYS[2], report_ids)
        local freed = tonumber(ARGV[2])
        if removed < #ids then
          freed = math.floor(freed * removed / #ids)
        end
        if freed > 0 then
          redis.call('HINCRBY', KEYS[2], 'bytes', -freed)
        end
        if ARGV[3] ~= '' then
          -- Drop the report-ids generations no entry in the stream belongs to any more.
          local first, last = ids_generations(KEYS[2])
          local oldest = first
          if redis.call('XLEN', KEYS[1]) == 0 then
            for n = first, last do
              redis.call('UNLINK', ids_key(KEYS[3], n))
            end
            oldest = last
          else
            local head = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1][1]
            while oldest < last do
              local ending = redis.call('HGET', KEYS[2], 'ids_end:' .. oldest)
              if ending and not before(ending, head) then
                break
              end
              redis.call('UNLINK', ids_key(KEYS[3], oldest))
              oldest = oldest + 1
            end
          end
          if oldest ~= first then
            for n = first, oldest - 1 do
              redis.call('HDEL', KEYS[2], 'ids_end:' .. n)
            end
            redis.call('HSET', KEYS[2], 'ids_first', oldest)
          end
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
    /// the entry IDs, then the report_ids to forget (a data-rights deletion; none for the uploader).
    /// </summary>
    public static RedisValue[] Arguments(IReadOnlyList<string> ids, long bytes, string trimBound, IReadOnlyList<string>? forget = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        forget ??= [];
        var arguments = new RedisValue[4 + ids.Count + forget.Count];
        arguments[0] = BufferKeyspace.ConsumerGroup;
        arguments[1] = bytes;
        arguments[2] = trimBound;
        arguments[3] = ids.Count;
        for (var i = 0; i < ids.Count; i++)
        {
            arguments[4 + i] = ids[i];
        }

        for (var i = 0; i < forget.Count; i++)
        {
            arguments[4 + ids.Count + i] = forget[i];
        }

        return arguments;
    }
}
