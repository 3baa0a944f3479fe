namespace Telemetry.Insights.Internal;

/// <summary>
/// The bucket-latest flags of the rollup rows: <c>week_latest</c> and <c>month_latest</c> are true on the rows of an
/// installation's latest day in its calendar week (from Monday) or month. Weekly and monthly questions count the
/// flagged rows instead of finding each installation's latest day per bucket, so they aggregate a few groups rather
/// than one per installation and bucket. A merge keeps the flags right (in SQL that DuckDB and PostgreSQL both run,
/// <c>$1</c> and <c>$2</c> the run's first and last day); a rebuild from a day and an upgraded store recompute them.
/// </summary>
internal static class BucketLatestSql
{
    /// <summary>The bucket units that have a flag, with the most days between two days of one bucket.</summary>
    private static readonly (string Unit, int Reach)[] Units = [("week", 6), ("month", 30)];

    /// <summary>The flag column of a bucket unit.</summary>
    public static string Flag(string unit) => unit + "_latest";

    /// <summary>The first day of the bucket <paramref name="day"/> falls in.</summary>
    public static string Trunc(string unit, string day) => $"CAST(date_trunc('{unit}', CAST({day} AS TIMESTAMP)) AS DATE)";

    /// <summary>The flag columns, as appended to a column list.</summary>
    public static string FlagColumns { get; } = string.Join(", ", Units.Select(u => Flag(u.Unit)));

    /// <summary>
    /// Merge statements, run after the stage holds the run's new installation-days and the stored days they replace
    /// are deleted: flag each staged day that no later day of its installation in the same bucket follows (staged or
    /// stored), then clear the flag of stored days that a staged day now follows in their bucket. Stored reads stay
    /// within the run's days widened by one bucket.
    /// </summary>
    public static IReadOnlyList<string> Merge { get; } =
    [
        "UPDATE insight_stage_days SET " + string.Join(", ", Units.Select(u =>
            $"{Flag(u.Unit)} = NOT EXISTS (SELECT 1 FROM insight_stage_days l WHERE {LaterInBucket(u.Unit, "l", "insight_stage_days")})"
            + $" AND NOT EXISTS (SELECT 1 FROM insight_days l WHERE l.day > $1 AND l.day <= $2 + {u.Reach} AND {LaterInBucket(u.Unit, "l", "insight_stage_days")})")),
        .. Units.SelectMany(u => new[] { "insight_days", "insight_values" }.Select(table =>
            $"UPDATE {table} SET {Flag(u.Unit)} = false WHERE {table}.day >= $1 - {u.Reach} AND {table}.day < $2 AND {table}.{Flag(u.Unit)}"
            + $" AND EXISTS (SELECT 1 FROM insight_stage_days s WHERE {LaterInBucket(u.Unit, "s", table)})")),
    ];

    /// <summary>
    /// Recomputes the flags of every row from day <c>$1</c> on, after the days from some later day are deleted or on
    /// a store whose rows have no flags yet. Within a bucket, the latest day at or after <c>$1</c> is the bucket's
    /// latest whenever the row being flagged is at or after <c>$1</c> too, so the earlier days need not be read.
    /// </summary>
    public static IReadOnlyList<string> Reflag { get; } =
    [
        .. Units.Select(u =>
            $"UPDATE insight_days SET {Flag(u.Unit)} = (insight_days.day = l.last_day)"
            + $" FROM (SELECT product, instance, {Trunc(u.Unit, "day")} AS bucket, max(day) AS last_day FROM insight_days WHERE day >= $1 GROUP BY 1, 2, 3) l"
            + $" WHERE insight_days.day >= $1 AND insight_days.product = l.product AND insight_days.instance = l.instance AND {Trunc(u.Unit, "insight_days.day")} = l.bucket"),
        $"UPDATE insight_values SET {string.Join(", ", Units.Select(u => $"{Flag(u.Unit)} = d.{Flag(u.Unit)}"))} FROM insight_days d"
            + " WHERE insight_values.day >= $1 AND d.day >= $1 AND d.product = insight_values.product AND d.instance = insight_values.instance AND d.day = insight_values.day",
    ];

    /// <summary>Most days before the first day of a rebuild whose flags the rebuild's deletion can change.</summary>
    public static int MaxReach { get; } = Units.Max(u => u.Reach);

    /// <summary>Whether the store has rows without flags: written by a collector that did not keep them.</summary>
    public const string Unflagged = "SELECT count(*) FROM (SELECT 1 FROM insight_days WHERE week_latest IS NULL OR month_latest IS NULL LIMIT 1) s";

    /// <summary>The flag columns added to tables created before them (nothing happens where they exist).</summary>
    public static IEnumerable<string> AddColumns(string booleanType, params string[] tables) =>
        from table in tables
        from unit in Units
        select $"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {Flag(unit.Unit)} {booleanType}";

    /// <summary>Row <paramref name="later"/> is a later day of <paramref name="row"/>'s installation in the same bucket.</summary>
    private static string LaterInBucket(string unit, string later, string row) =>
        $"{later}.product = {row}.product AND {later}.instance = {row}.instance AND {later}.day > {row}.day"
        + $" AND {Trunc(unit, $"{later}.day")} = {Trunc(unit, $"{row}.day")}";
}
