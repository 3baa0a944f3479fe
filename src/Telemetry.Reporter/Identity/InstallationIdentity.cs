namespace Telemetry.Reporter.Identity;

/// <summary>
/// The random identifier of an installation, when it was created, and the installation's secret for keyed
/// hashing.
/// </summary>
/// <remarks>
/// The identifier is a random UUID: it names an installation, never a host or a person. The secret never leaves the
/// process. Immutable and thread-safe.
/// </remarks>
public sealed class InstallationIdentity
{
    private readonly byte[] _secret;

    /// <summary>Creates an identity.</summary>
    /// <param name="id">The random identifier, a lower-case hyphenated UUID.</param>
    /// <param name="createdAt">When the identifier was created; schedules aligned to it agree across replicas.</param>
    /// <param name="scope">Whether the identifier names one instance or a whole cluster.</param>
    /// <param name="secret">The installation's secret for keyed hashing; at least 32 bytes.</param>
    public InstallationIdentity(string id, DateTimeOffset createdAt, IdentityScope scope, ReadOnlySpan<byte> secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The secret must be at least 32 bytes.", nameof(secret));
        }

        Id = id;
        CreatedAt = createdAt;
        Scope = scope;
        _secret = secret.ToArray();
    }

    /// <summary>The random identifier.</summary>
    public string Id { get; }

    /// <summary>When the identifier was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Whether the identifier names one instance or a whole cluster.</summary>
    public IdentityScope Scope { get; }

    /// <summary>The installation's secret; only the process itself uses it.</summary>
    internal ReadOnlySpan<byte> Secret => _secret;

    /// <summary>Whether both identities have the same identifier, creation time, scope and secret.</summary>
    internal bool SameAs(InstallationIdentity other) =>
        Id == other.Id && CreatedAt == other.CreatedAt && Scope == other.Scope && Secret.SequenceEqual(other.Secret);
}
