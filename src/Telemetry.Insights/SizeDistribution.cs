using System.Globalization;

namespace Telemetry.Insights;

/// <summary>
/// Percentiles (nearest rank) and a histogram of one numeric field across installations. Histogram bins are
/// powers of two; a bin with fewer than the minimum group size is merged into the next, so no bin isolates a few
/// installations. Over fewer installations than that, nothing but the count is shown.
/// </summary>
internal static class SizeDistribution
{
    public static InsightTable Of(List<double> values, int minGroupSize)
    {
        var rows = new List<object?[]>();
        values.Sort();
        rows.Add(["installations", (double)values.Count, null, null]);
        if (values.Count >= minGroupSize && values.Count > 0)
        {
            foreach (var p in new[] { 50, 90, 99 })
            {
                rows.Add(["p" + p.ToString(CultureInfo.InvariantCulture), Percentile(values, p), null, null]);
            }

            rows.AddRange(Histogram(values, minGroupSize));
        }

        return new InsightTable("sizes", ["statistic", "value", "upper", "installations"], rows);
    }

    /// <summary>The nearest-rank percentile: the smallest value at or above p % of the installations.</summary>
    public static double Percentile(List<double> sorted, int p)
    {
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static IEnumerable<object?[]> Histogram(List<double> sorted, int minGroupSize)
    {
        // Bins [0, 1), [1, 2), [2, 4), [4, 8) …
        var bins = sorted.GroupBy(v => v < 1 ? 0 : (int)Math.Floor(Math.Log2(v)) + 1)
            .Select(g => (Lower: g.Key == 0 ? 0 : Math.Pow(2, g.Key - 1), Upper: Math.Pow(2, g.Key), Count: (long)g.Count()))
            .ToList();
        var merged = new List<(double Lower, double Upper, long Count)>();
        (double Lower, double Upper, long Count)? open = null;
        foreach (var bin in bins)
        {
            open = open is { } o ? (o.Lower, bin.Upper, o.Count + bin.Count) : bin;
            if (open.Value.Count >= minGroupSize)
            {
                merged.Add(open.Value);
                open = null;
            }
        }

        if (open is { } rest)
        {
            merged[^1] = (merged[^1].Lower, rest.Upper, merged[^1].Count + rest.Count);
        }

        return merged.Select(b => new object?[] { "bin", b.Lower, b.Upper, b.Count });
    }
}
