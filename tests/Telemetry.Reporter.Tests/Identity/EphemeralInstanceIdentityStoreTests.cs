using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Tests.Infrastructure;

namespace Telemetry.Reporter.Tests.Identity;

[TestFixture]
public sealed class EphemeralInstanceIdentityStoreTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task GetOrCreateAsync_OneStore_SameIdentityEveryCall(CancellationToken cancellationToken)
    {
        // Arrange
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        var store = new EphemeralInstanceIdentityStore(time);

        // Act
        var first = await store.GetOrCreateAsync(cancellationToken);
        var second = await store.GetOrCreateAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first));
            Assert.That(first.CreatedAt, Is.EqualTo(ManualTimeProvider.DefaultStart));
            Assert.That(first.Scope, Is.EqualTo(IdentityScope.Instance));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task GetOrCreateAsync_TwoStores_DifferentIdentities(CancellationToken cancellationToken)
    {
        // Act
        var first = await new EphemeralInstanceIdentityStore().GetOrCreateAsync(cancellationToken);
        var second = await new EphemeralInstanceIdentityStore().GetOrCreateAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second.Id, Is.Not.EqualTo(first.Id));
            Assert.That(second.Secret.SequenceEqual(first.Secret), Is.False);
        });
    }
}
