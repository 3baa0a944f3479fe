namespace Telemetry.Insights.Internal;

/// <summary>
/// The rollup tables and the batch merge, in SQL that DuckDB and PostgreSQL both run. A batch is loaded into the
/// stage tables, rows no later than what is stored are dropped from the stage, and each remaining installation-day
/// is replaced whole: latest report wins whatever order reports arrive in. Reports arrive about in time order, so
/// the rows of nearby days sit in the same few row groups, which is what keeps a merge's reads small; a run whose
/// installation-days are all new (the usual case) is only appended.
/// </summary>
internal static class RollupSql
{
    /// <summary>Columns of <c>insight_days</c> and its stage, in load order.</summary>
    public const string DayColumns = "product, instance, day, report_ms, report_id, version";

    /// <summary>
    /// Columns of <c>insight_values</c> and its stage, in load order. Each field row carries its day's version, so a
    /// version range or a version breakdown under one filter reads single rows instead of grouping each day's.
    /// </summary>
    public const string ValueColumns = "product, instance, day, field, text, number, version";

    /// <summary>Whether <c>insight_values</c> has its version column (1) or not (0: it is missing, or the table is).</summary>
    public const string HasValueVersion =
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'insight_values' AND column_name = 'version'";

    /// <summary>Adds the version column to the value rows of a store created before they carried it, from their days.</summary>
    public static readonly string[] AddValueVersion =
    [
        "ALTER TABLE insight_values ADD COLUMN IF NOT EXISTS version VARCHAR",
        "UPDATE insight_values SET version = d.version FROM insight_days d WHERE insight_values.version IS NULL AND " + SameDay("d", "insight_values"),
    ];

    /// <summary>
    /// The merge of one run of days (<c>$1</c> first day, <c>$2</c> last day), run in the batch's transaction after
    /// the stage is loaded with the run's rows. Every read of the rollup tables is bounded by the run's days, so
    /// DuckDB skips the row groups of other days by their min-max index and PostgreSQL reads its primary keys: a
    /// merge costs the days it touches, not the whole table.
    /// </summary>
    public static readonly string[] Merge =
    [
        "DELETE FROM insight_stage_days WHERE EXISTS (SELECT 1 FROM insight_days d WHERE " + InRun("d") + " AND "
            + SameDay("d", "insight_stage_days")
            + " AND (d.report_ms > insight_stage_days.report_ms"
            + " OR (d.report_ms = insight_stage_days.report_ms AND d.report_id >= insight_stage_days.report_id)))",
        "DELETE FROM insight_values WHERE " + InRun("insight_values") + " AND EXISTS (SELECT 1 FROM insight_stage_days s WHERE "
            + SameDay("s", "insight_values") + ")",
        "DELETE FROM insight_days WHERE " + InRun("insight_days") + " AND EXISTS (SELECT 1 FROM insight_stage_days s WHERE "
            + SameDay("s", "insight_days") + ")",
        $"INSERT INTO insight_days ({DayColumns}) SELECT {DayColumns} FROM insight_stage_days",
        $"INSERT INTO insight_values ({ValueColumns}) SELECT {ValueColumns} FROM insight_stage_values v"
            + " WHERE EXISTS (SELECT 1 FROM insight_stage_days s WHERE " + SameDay("s", "v") + ")",
        "DELETE FROM insight_stage_days",
        "DELETE FROM insight_stage_values",
    ];

    /// <summary>
    /// How many of the run's staged installation-days the rollups hold already (<c>$1</c>, <c>$2</c> the run's days).
    /// Usually none (each installation reports about once a day), and then <see cref="Insert"/> does the merge.
    /// </summary>
    public const string StoredDays =
        "SELECT count(*) FROM insight_stage_days s WHERE EXISTS (SELECT 1 FROM insight_days d WHERE d.day >= $1 AND d.day <= $2"
        + " AND d.product = s.product AND d.day = s.day AND d.instance = s.instance)";

    /// <summary>The merge of a run none of whose installation-days are stored yet: the stage is added as it is.</summary>
    public static readonly string[] Insert =
    [
        $"INSERT INTO insight_days ({DayColumns}) SELECT {DayColumns} FROM insight_stage_days",
        $"INSERT INTO insight_values ({ValueColumns}) SELECT {ValueColumns} FROM insight_stage_values",
        "DELETE FROM insight_stage_days",
        "DELETE FROM insight_stage_values",
    ];

    /// <summary>Most days one merge run spans; a batch's days further apart (late reports) are merged in runs of their own.</summary>
    public const int MaxRunDays = 7;

    /// <summary>
    /// Splits a batch's rows into runs of nearby days (at most <see cref="MaxRunDays"/> from first to last), in day
    /// order, so a late report does not widen the days every merge statement reads.
    /// </summary>
    public static List<List<RollupRow>> Runs(IEnumerable<RollupRow> rows)
    {
        var runs = new List<List<RollupRow>>();
        foreach (var row in rows.OrderBy(r => r.Day))
        {
            if (runs.Count == 0 || row.Day.DayNumber - runs[^1][0].Day.DayNumber >= MaxRunDays)
            {
                runs.Add([]);
            }

            runs[^1].Add(row);
        }

        return runs;
    }

    /// <summary>Removes one installation from the rollups; the first statement's count is the days removed.</summary>
    public static readonly string[] DeleteInstance =
    [
        "DELETE FROM insight_days WHERE instance = $1",
        "DELETE FROM insight_values WHERE instance = $1",
    ];

    /// <summary>Empties the rollups before a rebuild.</summary>
    public static readonly string[] Truncate =
    [
        "DELETE FROM insight_days",
        "DELETE FROM insight_values",
        $"UPDATE insight_flagged SET {string.Join(", ", BucketLatestSql.Units.Select(u => $"{u}_through = NULL"))}",
    ];

    /// <summary>
    /// Empties the rollups from day <c>$1</c> on (a rebuild that keeps what retention deleted the reports of); the
    /// flags of the buckets from the one <c>$1</c> falls in are no longer read.
    /// </summary>
    public static readonly string[] DeleteFromDay =
    [
        "DELETE FROM insight_days WHERE day >= $1",
        "DELETE FROM insight_values WHERE day >= $1",
        .. BucketLatestSql.Units.Select(BucketLatestSql.LowerFlaggedThrough),
    ];

    private static string InRun(string table) => $"{table}.day >= $1 AND {table}.day <= $2";

    private static string SameDay(string left, string right) =>
        $"{left}.product = {right}.product AND {left}.day = {right}.day AND {left}.instance = {right}.instance";
}
