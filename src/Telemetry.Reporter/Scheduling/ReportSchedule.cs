namespace Telemetry.Reporter.Scheduling;

/// <summary>The schedule's arithmetic: aligned slots, staleness and retry backoff. Pure functions.</summary>
internal static class ReportSchedule
{
    /// <summary>
    /// The first slot boundary at or after <paramref name="now"/>:
    /// <c>anchor + ceil((now − anchor) / interval) · interval</c>. Replicas with the same anchor agree on it.
    /// </summary>
    public static DateTimeOffset NextSlot(DateTimeOffset anchor, TimeSpan interval, DateTimeOffset now)
    {
        if (now <= anchor)
        {
            return anchor;
        }

        var elapsed = (now - anchor).Ticks;
        var slots = (elapsed + interval.Ticks - 1) / interval.Ticks;
        return anchor + TimeSpan.FromTicks(slots * interval.Ticks);
    }

    /// <summary>
    /// The slot to build after <paramref name="previous"/>: the following one, or, when that one is already a whole
    /// interval old (the process was suspended or stopped), the next boundary after <paramref name="now"/>, so
    /// missed slots are skipped rather than sent in a burst.
    /// </summary>
    public static DateTimeOffset FollowingSlot(DateTimeOffset previous, TimeSpan interval, DateTimeOffset now)
    {
        var following = previous + interval;
        return IsStale(following, interval, now) ? NextSlot(previous, interval, now) : following;
    }

    /// <summary>Whether a report for the slot starting at <paramref name="slot"/> is a whole interval old.</summary>
    public static bool IsStale(DateTimeOffset slot, TimeSpan interval, DateTimeOffset now) => now - slot >= interval;

    /// <summary>
    /// The delay before retry number <paramref name="attempt"/> (1 for the first retry): <paramref name="minimum"/>
    /// doubled per attempt, at most <paramref name="maximum"/>, scaled by <paramref name="jitter"/> in [0.5, 1] so
    /// that replicas that failed together do not retry together.
    /// </summary>
    public static TimeSpan Backoff(int attempt, TimeSpan minimum, TimeSpan maximum, double jitter)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var delay = Math.Min(minimum.Ticks * Math.Pow(2, exponent), maximum.Ticks);
        var factor = 0.5 + (Math.Clamp(jitter, 0, 1) / 2);
        return TimeSpan.FromTicks((long)(delay * factor));
    }

    /// <summary>A random offset in [0, <paramref name="maximum"/>] given a uniform <paramref name="sample"/> in [0, 1).</summary>
    public static TimeSpan Jitter(TimeSpan maximum, double sample) =>
        TimeSpan.FromTicks((long)(maximum.Ticks * Math.Clamp(sample, 0, 1)));
}
