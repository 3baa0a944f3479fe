using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Ingestion.Pipeline;

/// <summary>
/// Compares presented secrets (ingest keys, the admin token, relay keys) with configured ones in constant time: both
/// sides are hashed with SHA-256 first, so neither the content nor the length of a configured secret leaks through
/// timing, and every candidate is compared, so the position of a match does not show either.
/// </summary>
internal static class SecretDigest
{
    public static byte[] Of(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Whether <paramref name="presented"/> (a digest) equals any of <paramref name="candidates"/>.</summary>
    public static bool MatchesAny(byte[][] candidates, byte[] presented)
    {
        var match = false;
        foreach (var candidate in candidates)
        {
            match |= CryptographicOperations.FixedTimeEquals(candidate, presented);
        }

        return match;
    }
}
