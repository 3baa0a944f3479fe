namespace Telemetry.Ingestion.RateLimiting;

/// <summary>
/// Per-instance rate limits (GCRA in Redis, shared by every replica of the service). An instance is a cluster_id,
/// or an instance_id when the report has no cluster_id; each product is limited separately.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "RateLimiting";

    /// <summary>Whether reports are rate limited at all. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The limit of products without an entry in <see cref="Products"/>. Defaults to 12 reports per hour with a
    /// burst of 6, generous for products that report every 4 hours (Mimir, Tempo) down to every hour, while
    /// replicas sharing a cluster_id and client retries still fit.
    /// </summary>
    public ProductRateLimit Default { get; set; } = new();

    /// <summary>
    /// Overrides by product name: <c>mimir</c>, <c>tempo</c>, <c>influxdb</c>, <c>coroot</c>, <c>qdrant</c>, or the
    /// product name of a generic report. Defaults to none.
    /// </summary>
    public Dictionary<string, ProductRateLimit> Products { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The limit that applies to <paramref name="product"/>.</summary>
    public ProductRateLimit For(string product) =>
        Products.TryGetValue(product, out var limit) ? limit : Default;
}
