using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Intake.Internal;

/// <summary>
/// Report ids derived from the native report, so that a vendor's retry of the same report gets the same
/// <c>report_id</c> and is stored once: a name-based UUID (RFC 9562 version 5, SHA-1) of the product, the
/// report's own identity and the SHA-256 of its body. The body is part of the name because Grafana's replicas of
/// one cluster send the same cluster id and interval, and Qdrant's reports carry no time of their own.
/// </summary>
internal static class ReportIds
{
    // A fixed namespace UUID of the intake's own, so that these ids do not collide with other name-based ids.
    private static readonly byte[] Namespace = Guid.Parse("5b1c6a0e-3f54-4d0a-9d2e-7a1f0c8e4b61").ToByteArray(bigEndian: true);

    /// <summary>The report id of a native report: the same inputs give the same id.</summary>
    public static string Derive(string product, string identity, ReadOnlySpan<byte> body)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        return NameBased($"{product}\n{identity}\n{Convert.ToHexStringLower(digest)}");
    }

    /// <summary>A version 5 UUID of <paramref name="name"/> in the intake's namespace, lower-case and hyphenated.</summary>
    public static string NameBased(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[Namespace.Length + nameBytes.Length];
        Namespace.CopyTo(input, 0);
        nameBytes.CopyTo(input, Namespace.Length);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        // SHA-1 is what RFC 9562 prescribes for version 5; it names, it does not protect anything.
#pragma warning disable CA5350
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true).ToString("D");
    }
}
