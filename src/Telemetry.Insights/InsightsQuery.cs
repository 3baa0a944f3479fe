namespace Telemetry.Insights;

/// <summary>Width of the time buckets a series is counted in (UTC; weeks start on Monday).</summary>
public enum InsightBucket
{
    /// <summary>One point per day.</summary>
    Day,

    /// <summary>One point per ISO week.</summary>
    Week,

    /// <summary>One point per calendar month.</summary>
    Month,
}

/// <summary>What a question covers.</summary>
/// <param name="Product">Product name, as stored.</param>
/// <param name="From">First day, inclusive (UTC).</param>
/// <param name="To">Last day, inclusive (UTC).</param>
/// <param name="Bucket">Series bucket width.</param>
/// <param name="Field">The field asked about, for breakdowns, sizes and adoption.</param>
/// <param name="Filters">Categorical field path → value an installation-day must have (such as <c>environment.os</c> → <c>linux</c>).</param>
/// <param name="Versions">The versions (<c>build.version</c>) an installation-day must have, or null for any.</param>
public sealed record InsightsQuery(
    string Product,
    DateOnly From,
    DateOnly To,
    InsightBucket Bucket = InsightBucket.Day,
    string? Field = null,
    IReadOnlyDictionary<string, string>? Filters = null,
    VersionRange? Versions = null)
{
    /// <summary>A stable text form, the cache key of the answer.</summary>
    public string CacheKey(string question) =>
        string.Join('|', question, Product, From.DayNumber, To.DayNumber, Bucket, Field ?? string.Empty,
            string.Join('&', (Filters ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value)),
            Versions?.ToString() ?? string.Empty);
}
