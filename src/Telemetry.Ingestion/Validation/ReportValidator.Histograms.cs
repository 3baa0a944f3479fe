using System.Globalization;
using Telemetry.V1;

namespace Telemetry.Ingestion.Validation;

/// <summary>
/// The rules a <see cref="Histogram"/> carries across its fields, which the descriptor walk cannot see one field at
/// a time: one more count than bounds, strictly increasing bounds, and a count equal to the sum of the buckets.
/// Stored histograms that break them cannot be merged or turned into quantiles.
/// </summary>
public sealed partial class ReportValidator
{
    private static ValidationResult ValidateHistogram(Histogram histogram, List<PathSegment> path)
    {
        var bounds = histogram.Bounds;
        var counts = histogram.Counts;
        if (counts.Count != bounds.Count + 1)
        {
            path.Add(new PathSegment("counts"));
            return Fail(path, string.Create(CultureInfo.InvariantCulture,
                $"has {counts.Count} elements; a histogram with {bounds.Count} bounds has {bounds.Count + 1} buckets (the last one has no upper bound)."));
        }

        for (var i = 1; i < bounds.Count; i++)
        {
            if (!(bounds[i] > bounds[i - 1]))
            {
                path.Add(new PathSegment("bounds") { Index = i });
                return Fail(path, string.Create(CultureInfo.InvariantCulture,
                    $"is {bounds[i]}, not greater than the bound before it ({bounds[i - 1]}); bounds must be strictly increasing."));
            }
        }

        ulong total = 0;
        var overflowed = false;
        for (var i = 0; i < counts.Count && !overflowed; i++)
        {
            overflowed = ulong.MaxValue - total < counts[i];
            total = unchecked(total + counts[i]);
        }

        if (overflowed || total != histogram.Count)
        {
            path.Add(new PathSegment("count"));
            return Fail(path, overflowed
                ? "cannot equal the sum of counts: the buckets add up to more than 2^64-1."
                : string.Create(CultureInfo.InvariantCulture, $"is {histogram.Count}, but the buckets in counts add up to {total}; count must equal their sum."));
        }

        return ValidationResult.Success;
    }
}
