using System.Security.Cryptography;

namespace Telemetry.Reporter.Identity;

/// <summary>A new random identity for each process, never stored (as Qdrant does).</summary>
/// <remarks>Every call on one store returns the same identity. Thread-safe.</remarks>
public sealed class EphemeralInstanceIdentityStore : IInstanceIdentityStore
{
    private readonly InstallationIdentity _identity;

    /// <summary>Creates the store and its identity.</summary>
    /// <param name="timeProvider">The clock the creation time is read from; defaults to the system clock.</param>
    public EphemeralInstanceIdentityStore(TimeProvider? timeProvider = null)
    {
        _identity = Create((timeProvider ?? TimeProvider.System).GetUtcNow());
    }

    /// <inheritdoc />
    public Task<InstallationIdentity> GetOrCreateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_identity);

    internal static InstallationIdentity Create(DateTimeOffset now) =>
        new(Guid.NewGuid().ToString("D"), now, IdentityScope.Instance, RandomNumberGenerator.GetBytes(32));
}
