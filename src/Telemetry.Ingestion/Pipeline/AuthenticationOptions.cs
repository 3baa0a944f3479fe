namespace Telemetry.Ingestion.Pipeline;

/// <summary>Who may send reports, and the token of the operator endpoints.</summary>
public sealed class AuthenticationOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Authentication";

    /// <summary>The product name that matches every product in <see cref="IngestKeys"/>.</summary>
    public const string AnyProduct = "*";

    /// <summary>
    /// Ingest keys by product name (<c>mimir</c>, <c>tempo</c>, …, a generic product name, or <c>*</c> for every
    /// product); each product may have several keys so they can be rotated. Empty (the default) means ingestion is
    /// open: reports need no key. Once any key is configured, a product without keys (and without <c>*</c>) is refused.
    /// </summary>
    public Dictionary<string, List<string>> IngestKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Bearer token of the operator (admin) endpoints. Defaults to none: the endpoints are refused.</summary>
    public string? AdminToken { get; set; }
}
