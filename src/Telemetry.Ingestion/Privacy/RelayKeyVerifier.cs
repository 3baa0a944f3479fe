using Microsoft.Extensions.Options;
using Telemetry.Ingestion.Pipeline;

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
        _keyHashes = options.Value.RelayKeys.Select(SecretDigest.Of).ToArray();
    }

    /// <summary>Whether <paramref name="key"/> is one of the configured relay keys, compared in constant time.</summary>
    public bool IsTrusted(string? key)
    {
        if (string.IsNullOrEmpty(key) || _keyHashes.Length == 0)
        {
            return false;
        }

        return SecretDigest.MatchesAny(_keyHashes, SecretDigest.Of(key));
    }
}
