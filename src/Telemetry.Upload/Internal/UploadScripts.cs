using StackExchange.Redis;

namespace Telemetry.Upload.Internal;

/// <summary>
/// The Lua scripts of the uploader. Each touches the keys of one shard only (one hash tag), so they run on a Redis
/// Cluster too, and each does in one step what must never be seen half done.
/// </summary>
internal static class UploadScripts
{
    /// <summary>
    /// Acknowledges entries, removes them from the stream and gives their bytes back to the shard counter, in one step.
    /// With a trim bound (the uploader, after the sink stored the entries) and no entry before the bound still pending,
    /// which is the normal case of a shard drained in order, everything before the bound is trimmed: XTRIM MINID drops
    /// whole stream nodes, while XDEL of each ID costs Redis about ten times as much. Every entry before the highest
    /// stored one was delivered, since the group delivers in order, so none pending means all were acknowledged.
    /// Otherwise (another uploader holds older entries, or no bound: a data-rights deletion of entries anywhere in the
    /// stream) the IDs are deleted one by one. When some entries were already gone (two uploaders after a claim, or a
    /// data-rights deletion), the counter goes down by the removed share of the bytes, so nothing is counted twice.
    /// KEYS: stream, stats. ARGV: group, total payload bytes, the trim bound (the ID just after the highest entry, or
    /// empty), then the entry IDs. Returns the number removed.
    /// </summary>
    public const string AckAndRemove = """
        local function before(a, b)
          local am, as = string.match(a, '^(%d+)-(%d+)$')
          local bm, bs = string.match(b, '^(%d+)-(%d+)$')
          if tonumber(am) ~= tonumber(bm) then
            return tonumber(am) < tonumber(bm)
          end
          return tonumber(as) < tonumber(bs)
        end
        local ids = {}
        for i = 4, #ARGV do
          ids[#ids + 1] = ARGV[i]
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
    /// The ARGV of <see cref="AckAndRemove"/>: the group, the entries' total payload bytes, the trim bound (empty for
    /// none), then the IDs.
    /// </summary>
    public static RedisValue[] AckAndRemoveArguments(IReadOnlyList<string> ids, long bytes, string trimBound)
    {
        RedisValue[] arguments = [BufferKeys.ConsumerGroup, bytes, trimBound, .. ids.Select(id => (RedisValue)id)];
        return arguments;
    }

    /// <summary>
    /// Moves one entry to the dead-letter stream: XADD there, XACK and XDEL here, and the byte counter, in one step.
    /// Does nothing when the entry is already gone (another uploader stored it, or a data-rights deletion removed it).
    /// KEYS: stream, dead-letter stream, stats. ARGV: group, entry ID, payload bytes, report_id, product,
    /// arrival_ms, report, reason, attempts, first_seen_ms. Returns 1 when moved, 0 when the entry was gone.
    /// </summary>
    public const string DeadLetter = """
        if #redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2]) == 0 then
          redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
          return 0
        end
        redis.call('XADD', KEYS[2], '*', 'report_id', ARGV[4], 'product', ARGV[5], 'arrival_ms', ARGV[6],
          'report', ARGV[7], 'reason', ARGV[8], 'attempts', ARGV[9], 'first_seen_ms', ARGV[10], 'source_id', ARGV[2])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        redis.call('HINCRBY', KEYS[3], 'bytes', -tonumber(ARGV[3]))
        return 1
        """;

    /// <summary>
    /// Moves a dead letter back to the main stream in one step, so a replay can neither lose nor duplicate it (the
    /// report's deduplication key is deliberately bypassed: the report was accepted once and never stored).
    /// KEYS: dead-letter stream, stream, stats. ARGV: dead-letter entry ID. Returns the new entry ID, or nil when
    /// the dead letter does not exist.
    /// </summary>
    public const string Replay = """
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
        redis.call('HINCRBY', KEYS[3], 'bytes', string.len(entry['report']))
        redis.call('XDEL', KEYS[1], ARGV[1])
        return id
        """;

    /// <summary>
    /// GCRA over several limits at once (batches and bytes), all or nothing. The clock is Redis's TIME, shared by
    /// every uploader. Integers only, in microseconds: each limit takes the increment its cost adds to the
    /// theoretical arrival time and the tolerance (burst) it may run ahead of now.
    /// KEYS: one per limit. ARGV: (increment µs, tolerance µs) per key. Returns 0 when allowed, else the µs to wait.
    /// </summary>
    public const string Gcra = """
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
