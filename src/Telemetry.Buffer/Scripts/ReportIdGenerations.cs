namespace Telemetry.Buffer.Scripts;

/// <summary>
/// The report-ids of a shard in generations: hashes of report_id → entry ID that are dropped whole, never emptied one
/// field at a time.
/// </summary>
/// <remarks>
/// <para>Removing each report_id as its entry is acknowledged (HDEL of a thousand fields per batch, sent by the
/// uploader and written to the append-only file) cost Redis more than a microsecond per report. Instead the append
/// script adds each report_id to the current generation (<see cref="BufferKeyspace.ReportIds(int)"/> for generation
/// 0, then <c>…:report-ids:1</c>, <c>…:report-ids:2</c>, …) and starts a new one once the current one holds
/// <see cref="AppendScript"/>'s generation size, noting in the shard's statistics hash the last entry ID of the
/// generation it closes (<c>ids_end:N</c>). The acknowledge script drops a closed generation (UNLINK: freed off
/// Redis's main thread) once the stream's first entry is past that ID, and every generation once the stream is
/// empty. The statistics hash holds the oldest live generation (<c>ids_first</c>) and the current one
/// (<c>ids_last</c>).</para>
/// <para>So a report_id is remembered at least while its entry is in the stream (a retry is answered DUPLICATE, as
/// before) and at most until its generation is dropped: Redis holds at most one generation size of report_ids per
/// shard beyond the buffered reports, and none once the shard is drained. A retry after that is appended again and
/// the sinks store it once.</para>
/// </remarks>
public static class ReportIdGenerations
{
    /// <summary>
    /// Lua functions the scripts share: <c>ids_key(base, n)</c>, the key of generation n;
    /// <c>ids_generations(stats)</c>, the oldest and the current generation numbers;
    /// <c>ids_forget(base, stats, report_ids)</c>, removes report_ids from every live generation (a dead letter, a
    /// data-rights deletion).
    /// </summary>
    public const string Functions = """
        local function ids_key(base, n)
          if n == 0 then
            return base
          end
          return base .. ':' .. n
        end
        local function ids_generations(stats)
          local s = redis.call('HMGET', stats, 'ids_first', 'ids_last')
          return tonumber(s[1]) or 0, tonumber(s[2]) or 0
        end
        local function ids_forget(base, stats, report_ids)
          if #report_ids == 0 then
            return
          end
          local first, last = ids_generations(stats)
          for n = first, last do
            redis.call('HDEL', ids_key(base, n), unpack(report_ids))
          end
        end

        """;

    /// <summary>
    /// The generation size for a shard of at most <paramref name="maxEntriesPerShard"/> entries: a sixteenth of it
    /// (at least 4,096), so a full shard spans at most about seventeen generations and a new report's duplicate check
    /// looks into that many hashes at worst, one or two while the uploader keeps up.
    /// </summary>
    public static long GenerationSize(long maxEntriesPerShard) => Math.Max(4096, maxEntriesPerShard / 16);
}
