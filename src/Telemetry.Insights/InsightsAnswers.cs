using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Telemetry.Insights;

/// <summary>
/// Answers questions by name, rendered as JSON or CSV and cached (HybridCache: in process and in Redis) for
/// <see cref="InsightsOptions.CacheDuration"/>, so repeated page loads and every replica share one computation.
/// </summary>
public sealed class InsightsAnswers(InsightsQueries queries, HybridCache cache, IOptions<InsightsOptions> options)
{
    /// <summary>The questions by name.</summary>
    public static readonly IReadOnlyList<string> Questions = ["products", "fields", "active", "breakdown", "sizes", "adoption"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The answer as <c>json</c> or <c>csv</c> text.</summary>
    public async Task<string> AnswerAsync(string question, InsightsQuery query, string format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Questions.Contains(question))
        {
            throw new InsightsQueryException("question", $"unknown question \"{question}\"; one of {string.Join(", ", Questions)}");
        }

        var key = "v1|" + format + "|" + query.CacheKey(question);
        var entry = new HybridCacheEntryOptions { Expiration = options.Value.CacheDuration, LocalCacheExpiration = options.Value.CacheDuration };
        return await cache.GetOrCreateAsync(key, async token =>
        {
            var table = await AskAsync(question, query, token);
            return format == "csv" ? table.ToCsv() : JsonSerializer.Serialize(table, Json);
        }, entry, cancellationToken: cancellationToken);
    }

    /// <summary>Computes the answer without the cache.</summary>
    public Task<InsightTable> AskAsync(string question, InsightsQuery query, CancellationToken cancellationToken = default) => question switch
    {
        "products" => queries.ProductsAsync(cancellationToken),
        "fields" => queries.FieldsAsync(query.Product, cancellationToken),
        "active" => queries.ActiveAsync(query, cancellationToken),
        "breakdown" => queries.BreakdownAsync(query, cancellationToken),
        "sizes" => queries.SizesAsync(query, cancellationToken),
        "adoption" => queries.AdoptionAsync(query, cancellationToken),
        _ => throw new InsightsQueryException("question", $"unknown question \"{question}\""),
    };
}
