namespace Telemetry.Insights.Internal;

/// <summary>The days a bucket of a unit (<c>day</c>, <c>week</c> from Monday, <c>month</c>) spans, as SQL's <c>date_trunc</c> has them.</summary>
internal static class BucketDays
{
    /// <summary>The unit of a bucket width, as SQL's <c>date_trunc</c> and the flag columns name it.</summary>
    public static string Unit(InsightBucket bucket) => bucket switch
    {
        InsightBucket.Week => "week",
        InsightBucket.Month => "month",
        _ => "day",
    };

    public static DateOnly Start(string unit, DateOnly day) => unit switch
    {
        "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        "month" => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    public static DateOnly End(string unit, DateOnly day) => unit switch
    {
        "week" => Start(unit, day).AddDays(6),
        "month" => Start(unit, day).AddMonths(1).AddDays(-1),
        _ => day,
    };

    /// <summary>
    /// The day a unit's flags hold up to after a merge of the days <paramref name="first"/> to <paramref name="last"/>
    /// changed the rows (see <see cref="BucketLatestSql"/>): back to before <paramref name="first"/>'s bucket when
    /// that is at or before it, then on to the last bucket that ends <see cref="BucketLatestSql.FlagAfterDays"/>
    /// before <paramref name="last"/>, if that is later. <c>Reflag</c> is the day after which rows must be flagged
    /// (for the days up to the new one), or null when none.
    /// </summary>
    public static (DateOnly? Through, DateOnly? ReflagAfter) AfterMerge(string unit, DateOnly? through, DateOnly first, DateOnly last)
    {
        if (through is { } held && first <= held)
        {
            through = Start(unit, first).AddDays(-1);
        }

        var ready = Start(unit, last.AddDays(-BucketLatestSql.FlagAfterDays)).AddDays(-1);
        return through is null || ready > through ? (ready, through ?? DateOnly.MinValue) : (through, null);
    }
}
