using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Telemetry.Ingestion.Pipeline;

/// <summary>
/// Checks presented ingest keys and admin tokens against <see cref="AuthenticationOptions"/>, in constant time
/// (<see cref="SecretDigest"/>). Thread-safe; pure apart from the options read at construction.
/// </summary>
public sealed class IngestKeyAuthenticator
{
    private readonly Dictionary<string, byte[][]> _keys;
    private readonly byte[]? _adminToken;

    public IngestKeyAuthenticator(IOptions<AuthenticationOptions> options)
    {
        var value = options.Value;
        _keys = value.IngestKeys
            .Where(entry => entry.Value is { Count: > 0 })
            .ToDictionary(entry => entry.Key, entry => entry.Value.Where(k => !string.IsNullOrEmpty(k)).Select(SecretDigest.Of).ToArray(), StringComparer.Ordinal);
        _adminToken = string.IsNullOrEmpty(value.AdminToken) ? null : SecretDigest.Of(value.AdminToken);
    }

    /// <summary>Whether ingestion is open: no ingest key is configured, so every report is authorized.</summary>
    public bool IsOpen => _keys.Count == 0;

    /// <summary>
    /// Whether <paramref name="presentedKey"/> may send reports of <paramref name="product"/>: always when
    /// ingestion is open; otherwise when it equals one of the product's keys or one of the <c>*</c> keys.
    /// </summary>
    public bool IsAuthorized(string product, string? presentedKey)
    {
        if (IsOpen)
        {
            return true;
        }

        if (string.IsNullOrEmpty(presentedKey))
        {
            return false;
        }

        var presented = SecretDigest.Of(presentedKey);
        return Matches(product, presented) | Matches(AuthenticationOptions.AnyProduct, presented);
    }

    /// <summary>Whether an admin token is configured; without one the admin methods are disabled.</summary>
    public bool HasAdminToken => _adminToken is not null;

    /// <summary>Whether <paramref name="presentedToken"/> is the admin token; never when none is configured.</summary>
    public bool IsAdmin(string? presentedToken) =>
        _adminToken is not null && !string.IsNullOrEmpty(presentedToken)
        && CryptographicOperations.FixedTimeEquals(_adminToken, SecretDigest.Of(presentedToken));

    private bool Matches(string product, byte[] presented)
    {
        return _keys.TryGetValue(product, out var candidates) && SecretDigest.MatchesAny(candidates, presented);
    }
}
