using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Telemetry.Ingestion.Privacy;

/// <summary>
/// Recognizes relays whose reports are already anonymized (<see cref="PrivacyOptions.RelayKeys"/>), so that their
/// KEYED_HASH values are not hashed a second time. Thread-safe.
/// </summary>
public sealed class RelayKeyVerifier
{
    /// <summary>The shortest relay key accepted.</summary>
    public const int MinimumKeyLength = 32;

    private readonly byte[][] _keyHashes;

    public RelayKeyVerifier(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keyHashes = options.Value.RelayKeys.Select(Digest).ToArray();
    }

    /// <summary>Whether <paramref name="key"/> is one of the configured relay keys, compared in constant time.</summary>
    public bool IsTrusted(string? key)
    {
        if (string.IsNullOrEmpty(key) || _keyHashes.Length == 0)
        {
            return false;
        }

        // Digests have one length, so the comparison takes the same time whatever the key presented.
        var presented = Digest(key);
        var trusted = false;
        foreach (var known in _keyHashes)
        {
            trusted |= CryptographicOperations.FixedTimeEquals(presented, known);
        }

        return trusted;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
