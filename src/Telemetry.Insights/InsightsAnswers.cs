using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Telemetry.Insights;

/// <summary>
/// Answers questions by name as CSV, the download behind every chart, cached (HybridCache: in process and in Redis)
/// for <see cref="InsightsOptions.CacheDuration"/>, so repeated downloads and every replica share one computation.
/// </summary>
public sealed class InsightsAnswers(InsightsQueries queries, HybridCache cache, IOptions<InsightsOptions> options)
{
    /// <summary>The questions by name, as the last segment of the JSON routes names them.</summary>
    public static readonly IReadOnlyList<string> Questions = ["fields", "active", "versions", "breakdown", "sizes", "adoption"];

    /// <summary>The answer as RFC 4180 CSV text.</summary>
    public async Task<string> CsvAsync(string question, InsightsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Questions.Contains(question))
        {
            throw new InsightsQueryException("question", $"unknown question \"{question}\"; one of {string.Join(", ", Questions)}");
        }

        var key = "v1|csv|" + query.CacheKey(question);
        var entry = new HybridCacheEntryOptions { Expiration = options.Value.CacheDuration, LocalCacheExpiration = options.Value.CacheDuration };
        return await cache.GetOrCreateAsync(key, async token => (await AskAsync(question, query, token)).ToCsv(), entry, cancellationToken: cancellationToken);
    }

    /// <summary>Computes the answer without the cache.</summary>
    public Task<InsightTable> AskAsync(string question, InsightsQuery query, CancellationToken cancellationToken = default) => question switch
    {
        "fields" => queries.FieldsAsync(query.Product, cancellationToken),
        "active" => queries.ActiveAsync(query, cancellationToken),
        "versions" => queries.BreakdownAsync(query with { Field = InsightFields.VersionField }, cancellationToken),
        "breakdown" => queries.BreakdownAsync(query, cancellationToken),
        "sizes" => queries.SizesAsync(query, cancellationToken),
        "adoption" => queries.AdoptionAsync(query, cancellationToken),
        _ => throw new InsightsQueryException("question", $"unknown question \"{question}\""),
    };
}
