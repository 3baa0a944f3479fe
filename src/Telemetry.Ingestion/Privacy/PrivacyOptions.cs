namespace Telemetry.Ingestion.Privacy;

/// <summary>Privacy enforcement: the key of the keyed hashes applied to KEYED_HASH fields.</summary>
public sealed class PrivacyOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Privacy";

    /// <summary>Fewest key bytes accepted (HMAC-SHA256's block-independent security level).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// The HMAC-SHA256 key, base64-encoded, at least 32 bytes. Required, no default: generate one with
    /// <c>openssl rand -base64 32</c> and keep it secret and stable (changing it breaks comparability of hashed values).
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>
    /// Keys of the relays (site collectors with <c>Upload:Sink = upstream</c> and <c>Upload:Upstream:RelayKey</c>)
    /// whose reports are already anonymized. A call that presents one of them in <c>x-relay-key</c> keeps its
    /// KEYED_HASH values as they arrive, hashed once by the relay; the other rules, which give the same result when
    /// applied twice, are applied again. A call without a key, or with another one, is anonymized in full. Each key
    /// at least 32 characters. Defaults to none.
    /// </summary>
    public List<string> RelayKeys { get; set; } = [];
}
