namespace Telemetry.Reporter.Identity;

/// <summary>Where an installation's identity comes from.</summary>
/// <remarks>
/// Implementations: <see cref="FileInstanceIdentityStore"/> (a file in a data directory),
/// <c>RedisInstanceIdentityStore</c> (package Telemetry.Reporter.Redis) (a seed shared by every replica of a cluster) and
/// <see cref="EphemeralInstanceIdentityStore"/> (a new identity per process). Implementations must be thread-safe.
/// </remarks>
public interface IInstanceIdentityStore
{
    /// <summary>Returns the stored identity, creating and storing one first if there is none.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The identity; never one with an empty identifier.</returns>
    Task<InstallationIdentity> GetOrCreateAsync(CancellationToken cancellationToken = default);
}
