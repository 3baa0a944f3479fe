using System.Globalization;
using Semver;

namespace Telemetry.Insights.Internal;

/// <summary>
/// Turns the parts of a request (gRPC, JSON or CSV alike) into an <see cref="InsightsQuery"/>, naming the offending
/// field of the contract (<c>start_date</c>, <c>filter</c> …) when a part is invalid.
/// </summary>
internal static class InsightsRequests
{
    /// <summary>Most filters one question may carry: each one is a join over the rollups.</summary>
    public const int MaxFilters = 8;

    public static InsightsQuery Query(
        string product, string startDate, string endDate, V1.InsightBucket bucket, IEnumerable<string> filters, string? field, InsightsOptions options,
        string minVersion = "", string maxVersion = "")
    {
        if (string.IsNullOrEmpty(product))
        {
            throw new InsightsQueryException("product", "product is required");
        }

        var to = Day(endDate, "end_date") ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var from = Day(startDate, "start_date") ?? to.AddDays(-29);
        if (from > to)
        {
            throw new InsightsQueryException("start_date", "start_date is after end_date");
        }

        if (to.DayNumber - from.DayNumber + 1 > options.MaxRangeDays)
        {
            throw new InsightsQueryException("start_date", $"the range is longer than Insights:MaxRangeDays ({options.MaxRangeDays} days)");
        }

        var width = bucket switch
        {
            V1.InsightBucket.Unspecified or V1.InsightBucket.Day => InsightBucket.Day,
            V1.InsightBucket.Week => InsightBucket.Week,
            V1.InsightBucket.Month => InsightBucket.Month,
            _ => throw new InsightsQueryException("bucket", $"bucket {(int)bucket} is not a known bucket"),
        };
        return new InsightsQuery(product, from, to, width, string.IsNullOrEmpty(field) ? null : field, Filters(filters), Versions(minVersion, maxVersion));
    }

    /// <summary>Reads a bucket as the contract names it (<c>INSIGHT_BUCKET_WEEK</c>), or empty for the default.</summary>
    public static V1.InsightBucket Bucket(string text) => text switch
    {
        "" or "INSIGHT_BUCKET_UNSPECIFIED" => V1.InsightBucket.Unspecified,
        "INSIGHT_BUCKET_DAY" => V1.InsightBucket.Day,
        "INSIGHT_BUCKET_WEEK" => V1.InsightBucket.Week,
        "INSIGHT_BUCKET_MONTH" => V1.InsightBucket.Month,
        _ => throw new InsightsQueryException("bucket", "bucket must be INSIGHT_BUCKET_DAY, INSIGHT_BUCKET_WEEK or INSIGHT_BUCKET_MONTH"),
    };

    private static Dictionary<string, string> Filters(IEnumerable<string> filters)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var filter in filters)
        {
            if (++count > MaxFilters)
            {
                throw new InsightsQueryException("filter", $"at most {MaxFilters} filters");
            }

            var colon = filter.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || InsightFields.Describe(filter[..colon]) is not { Kind: InsightFieldKind.Categorical })
            {
                throw new InsightsQueryException("filter", $"\"{filter}\" is not <categorical field>:<value>");
            }

            parsed[filter[..colon]] = filter[(colon + 1)..];
        }

        return parsed;
    }

    /// <summary>The version range of <c>min_version</c> and <c>max_version</c>, or null when neither is set.</summary>
    public static VersionRange? Versions(string minVersion, string maxVersion)
    {
        if (string.IsNullOrEmpty(minVersion) && string.IsNullOrEmpty(maxVersion))
        {
            return null;
        }

        var min = Bound(minVersion, "min_version");
        var max = Bound(maxVersion, "max_version");
        if (min is not null && max is not null && SemVersion.ComparePrecedence(min, max) > 0)
        {
            throw new InsightsQueryException("min_version", $"min_version {min} is above max_version {max}");
        }

        return new VersionRange(min, max);
    }

    private static SemVersion? Bound(string text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return VersionRange.Parse(text)
            ?? throw new InsightsQueryException(name, $"{name} \"{text}\" is not a semantic version such as 2.10.0 or v2.10.0-rc.1");
    }

    private static DateOnly? Day(string text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InsightsQueryException(name, $"{name} must be a date, yyyy-MM-dd");
    }
}
