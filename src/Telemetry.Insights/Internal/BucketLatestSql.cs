namespace Telemetry.Insights.Internal;

/// <summary>
/// The bucket-latest flags of the rollup rows, in SQL that DuckDB and PostgreSQL both run: <c>week_latest</c> and
/// <c>month_latest</c> are true on the rows of an installation's latest day in its calendar week (from Monday) or
/// month, and null on the others. Weekly and monthly questions count the flagged rows instead of finding each
/// installation's latest day per bucket, so they aggregate a few groups rather than one per installation and bucket.
/// <para>
/// Flags are set in bulk, a whole bucket at a time, once no more reports are expected for it, and hold up to a day
/// kept per unit in <c>insight_flagged</c> (null: none). Merges add rows without flags, so they stay appends; a day up
/// to that one that a merge or a deletion changes moves it back to before that day's bucket. Questions read the
/// flags up to that day and group the days after it per installation.
/// </para>
/// </summary>
internal static class BucketLatestSql
{
    /// <summary>The units that have flags.</summary>
    public static readonly string[] Units = ["week", "month"];

    private static readonly string[] FlaggedTables = ["insight_days", "insight_values"];

    /// <summary>
    /// Days a bucket waits after its last day before it is flagged: reports older than the collector accepts by
    /// default (<c>Validation:MaxReportAge</c>, 7 days) and one day of upload delay and clock skew.
    /// </summary>
    public const int FlagAfterDays = 8;

    /// <summary>The flag column of a unit.</summary>
    public static string Flag(string unit) => unit + "_latest";

    /// <summary>The first day of the bucket <paramref name="day"/> falls in.</summary>
    public static string Trunc(string unit, string day) => $"CAST(date_trunc('{unit}', CAST({day} AS TIMESTAMP)) AS DATE)";

    /// <summary>The days the flags hold up to, per unit in <see cref="Units"/> order (one row; null: none).</summary>
    public static readonly string FlaggedThrough = $"SELECT {string.Join(", ", Units.Select(u => $"max({u}_through)"))} FROM insight_flagged";

    /// <summary>Sets the day a unit's flags hold up to (<c>$1</c>).</summary>
    public static string SetFlaggedThrough(string unit) => $"UPDATE insight_flagged SET {unit}_through = $1";

    /// <summary>Moves the day a unit's flags hold up to back to before the bucket of day <c>$1</c>, if it is not already.</summary>
    public static string LowerFlaggedThrough(string unit) =>
        $"UPDATE insight_flagged SET {unit}_through = {Trunc(unit, "$1")} - 1 WHERE {unit}_through >= {Trunc(unit, "$1")}";

    /// <summary>
    /// Flags the rows of a unit after day <c>$1</c> up to day <c>$2</c>, both a bucket's last day, so every bucket
    /// in between is whole: flags left from before are cleared, then the rows of each installation's latest day per
    /// bucket are set. A row that is not its bucket's latest keeps null, which questions read as false: for
    /// installations that report daily, only one row in seven of a week is written, and one in thirty of a month.
    /// </summary>
    public static IReadOnlyList<string> Reflag(string unit) =>
    [
        $"UPDATE insight_days SET {Flag(unit)} = NULL WHERE day > $1 AND day <= $2 AND {Flag(unit)}",
        $"UPDATE insight_values SET {Flag(unit)} = NULL WHERE day > $1 AND day <= $2 AND {Flag(unit)}",
        $"UPDATE insight_days SET {Flag(unit)} = true"
            + $" FROM (SELECT product, instance, max(day) AS last_day FROM insight_days WHERE day > $1 AND day <= $2 GROUP BY product, instance, {Trunc(unit, "day")}) l"
            + " WHERE insight_days.day > $1 AND insight_days.day <= $2"
            + " AND insight_days.product = l.product AND insight_days.instance = l.instance AND insight_days.day = l.last_day",
        $"UPDATE insight_values SET {Flag(unit)} = true FROM insight_days d"
            + $" WHERE insight_values.day > $1 AND insight_values.day <= $2 AND d.day > $1 AND d.day <= $2 AND d.{Flag(unit)}"
            + " AND d.product = insight_values.product AND d.instance = insight_values.instance AND d.day = insight_values.day",
    ];

    /// <summary>
    /// The flag columns (added to tables created before them; nothing happens where they exist) and the table of the
    /// days they hold up to, with its one row.
    /// </summary>
    public static IEnumerable<string> Schema(string booleanType) =>
    [
        .. from table in FlaggedTables
           from unit in Units
           select $"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {Flag(unit)} {booleanType}",
        $"CREATE TABLE IF NOT EXISTS insight_flagged ({string.Join(", ", Units.Select(u => $"{u}_through DATE"))})",
        // Two processes creating the row at once make two rows; every write updates both, and reads take the max.
        $"INSERT INTO insight_flagged SELECT {string.Join(", ", Units.Select(_ => "NULL"))} WHERE NOT EXISTS (SELECT 1 FROM insight_flagged)",
    ];
}
