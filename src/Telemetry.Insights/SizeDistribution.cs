using System.Globalization;

namespace Telemetry.Insights;

/// <summary>
/// Percentiles (nearest rank) and a histogram of one numeric field across installations. Histogram bins are
/// powers of two; a bin with fewer than the minimum group size is merged into the next, so no bin isolates a few
/// installations. Over fewer installations than that, nothing but the count is shown.
/// </summary>
/// <remarks>
/// The store hands over each distinct latest value with the number of installations that hold it, in ascending
/// order, not a row per installation: stored numbers are rounded to a few significant digits, so a field of fifty
/// thousand installations has at most a few hundred distinct values, and a question costs that, not its
/// installations.
/// </remarks>
internal static class SizeDistribution
{
    public static InsightTable Of(IReadOnlyList<(double Value, long Installations)> ascending, int minGroupSize)
    {
        var rows = new List<object?[]>();
        var total = ascending.Sum(v => v.Installations);
        rows.Add(["installations", (double)total, null, null]);
        if (total >= minGroupSize && total > 0)
        {
            foreach (var p in new[] { 50, 90, 99 })
            {
                rows.Add(["p" + p.ToString(CultureInfo.InvariantCulture), Percentile(ascending, total, p), null, null]);
            }

            rows.AddRange(Histogram(ascending, minGroupSize));
        }

        return new InsightTable("sizes", ["statistic", "value", "upper", "installations"], rows);
    }

    /// <summary>The nearest-rank percentile: the smallest value at or above p % of the installations.</summary>
    private static double Percentile(IReadOnlyList<(double Value, long Installations)> ascending, long total, int p)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(p / 100.0 * total));
        long seen = 0;
        foreach (var (value, installations) in ascending)
        {
            seen += installations;
            if (seen >= rank)
            {
                return value;
            }
        }

        return ascending[^1].Value;
    }

    private static IEnumerable<object?[]> Histogram(IReadOnlyList<(double Value, long Installations)> ascending, int minGroupSize)
    {
        // Bins [0, 1), [1, 2), [2, 4), [4, 8) …; the values are ascending, so a bin's values are consecutive.
        var bins = new List<(double Lower, double Upper, long Count)>();
        var currentBin = -1;
        foreach (var (value, installations) in ascending)
        {
            var bin = value < 1 ? 0 : (int)Math.Floor(Math.Log2(value)) + 1;
            if (bin != currentBin)
            {
                bins.Add((bin == 0 ? 0 : Math.Pow(2, bin - 1), Math.Pow(2, bin), 0));
                currentBin = bin;
            }

            bins[^1] = (bins[^1].Lower, bins[^1].Upper, bins[^1].Count + installations);
        }

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
