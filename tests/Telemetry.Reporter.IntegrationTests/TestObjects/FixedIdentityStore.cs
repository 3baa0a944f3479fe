using Telemetry.Reporter.Identity;

namespace Telemetry.Reporter.IntegrationTests.TestObjects;

/// <summary>An identity whose secret the test knows, to compute what the reporter's keyed hashes give.</summary>
internal sealed class FixedIdentityStore(byte[] secret) : IInstanceIdentityStore
{
    private readonly InstallationIdentity _identity = new(Guid.NewGuid().ToString("D"), DateTimeOffset.UtcNow, IdentityScope.Instance, secret);

    public Task<InstallationIdentity> GetOrCreateAsync(CancellationToken cancellationToken = default) => Task.FromResult(_identity);
}
