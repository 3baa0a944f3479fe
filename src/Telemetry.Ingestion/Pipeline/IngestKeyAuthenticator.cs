using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Telemetry.Ingestion.Pipeline;

/// <summary>
/// Checks presented ingest keys and admin tokens against <see cref="AuthenticationOptions"/>. Comparisons are
/// constant-time: both sides are hashed with SHA-256 first, so neither the content nor the length of a configured
/// key leaks through timing. Thread-safe; pure apart from the options read at construction.
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
            .ToDictionary(entry => entry.Key, entry => entry.Value.Where(k => !string.IsNullOrEmpty(k)).Select(Digest).ToArray(), StringComparer.Ordinal);
        _adminToken = string.IsNullOrEmpty(value.AdminToken) ? null : Digest(value.AdminToken);
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

        var presented = Digest(presentedKey);
        return Matches(product, presented) | Matches(AuthenticationOptions.AnyProduct, presented);
    }

    /// <summary>Whether an admin token is configured; without one the admin methods are disabled.</summary>
    public bool HasAdminToken => _adminToken is not null;

    /// <summary>Whether <paramref name="presentedToken"/> is the admin token; never when none is configured.</summary>
    public bool IsAdmin(string? presentedToken) =>
        _adminToken is not null && !string.IsNullOrEmpty(presentedToken)
        && CryptographicOperations.FixedTimeEquals(_adminToken, Digest(presentedToken));

    private bool Matches(string product, byte[] presented)
    {
        if (!_keys.TryGetValue(product, out var candidates))
        {
            return false;
        }

        // Compare against every key without stopping early, so the position of a match does not show in timing.
        var match = false;
        foreach (var candidate in candidates)
        {
            match |= CryptographicOperations.FixedTimeEquals(candidate, presented);
        }

        return match;
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
