namespace Telemetry.Ingestion.Pipeline;

/// <summary>What the transport knows about the caller of one ingest call.</summary>
/// <param name="IngestKey">The ingest key the caller presented (for example in an <c>x-ingest-key</c> header), or null.</param>
public sealed record IngestContext(string? IngestKey)
{
    /// <summary>A caller that presented no key.</summary>
    public static IngestContext Anonymous { get; } = new((string?)null);

    /// <summary>
    /// Whether the caller is a trusted relay (<see cref="Privacy.RelayKeyVerifier"/>) whose reports carry KEYED_HASH
    /// values hashed already, which must not be hashed again. Defaults to <see langword="false"/>.
    /// </summary>
    public bool KeyedHashesApplied { get; init; }
}
