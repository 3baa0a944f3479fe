using StackExchange.Redis;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Redis;
using Telemetry.Reporter.Tests.Infrastructure;
using Telemetry.Testing;

namespace Telemetry.Reporter.Tests.Identity;

[TestFixture]
public sealed class RedisInstanceIdentityStoreTests
{
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp() => _redis = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _redis.DisposeAsync();

    private static string Key => "telemetry:v1:test:" + TestContext.CurrentContext.Test.FullName;

    [Test]
    [CancelAfter(10000)]
    public async Task GetOrCreateAsync_TwoConnectionsRacing_AgreeOnOneSeed(CancellationToken cancellationToken)
    {
        // Arrange: two independent connections, as two replicas of a cluster have.
        using var first = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        using var second = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var firstStore = new RedisInstanceIdentityStore(first, Key);
        var secondStore = new RedisInstanceIdentityStore(second, Key);

        // Act
        var identities = await Task.WhenAll(
            Task.Run(() => firstStore.GetOrCreateAsync(cancellationToken), cancellationToken),
            Task.Run(() => secondStore.GetOrCreateAsync(cancellationToken), cancellationToken));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(identities[1].Id, Is.EqualTo(identities[0].Id));
            Assert.That(identities[1].CreatedAt, Is.EqualTo(identities[0].CreatedAt));
            Assert.That(identities[1].Secret.SequenceEqual(identities[0].Secret), Is.True);
            Assert.That(identities[0].Scope, Is.EqualTo(IdentityScope.Cluster));
        });
    }

    [Test]
    [CancelAfter(10000)]
    public async Task GetOrCreateAsync_SeedStoredEarlier_ReplicaStartingLaterAdoptsIt(CancellationToken cancellationToken)
    {
        // Arrange
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        using var first = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var original = await new RedisInstanceIdentityStore(first, Key, time).GetOrCreateAsync(cancellationToken);
        time.Advance(TimeSpan.FromDays(30));
        using var second = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);

        // Act
        var later = await new RedisInstanceIdentityStore(second, Key, time).GetOrCreateAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(later.SameAs(original), Is.True);
            Assert.That(later.CreatedAt, Is.EqualTo(ManualTimeProvider.DefaultStart));
        });
    }

    [Test]
    [CancelAfter(10000)]
    public async Task GetOrCreateAsync_ReplicaWithClockBehind_AdoptsTheStoredSeed(CancellationToken cancellationToken)
    {
        // Arrange: the first replica's clock runs an hour ahead of the second's.
        using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var ahead = new ManualTimeProvider(ManualTimeProvider.DefaultStart.AddHours(1));
        var stored = await new RedisInstanceIdentityStore(connection, Key, ahead).GetOrCreateAsync(cancellationToken);
        var behind = new ManualTimeProvider(ManualTimeProvider.DefaultStart);

        // Act
        var resolved = await new RedisInstanceIdentityStore(connection, Key, behind).GetOrCreateAsync(cancellationToken);

        // Assert
        Assert.That(resolved.SameAs(stored), Is.True);
    }

    [Test]
    [CancelAfter(10000)]
    public async Task GetOrCreateAsync_EightConnectionsRacingRepeatedly_AlwaysAgree(CancellationToken cancellationToken)
    {
        // Arrange
        var connections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString)));
        try
        {
            for (var round = 0; round < 10; round++)
            {
                var key = $"{Key}:{round}";

                // Act
                var identities = await Task.WhenAll(connections.Select(connection =>
                    Task.Run(() => new RedisInstanceIdentityStore(connection, key).GetOrCreateAsync(cancellationToken), cancellationToken)));

                // Assert
                Assert.That(identities.Select(i => i.Id).Distinct(), Has.Exactly(1).Items, $"round {round}");
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }

    [Test]
    [CancelAfter(10000)]
    public async Task GetOrCreateAsync_CorruptValue_IsReplacedByAValidSeed(CancellationToken cancellationToken)
    {
        // Arrange
        using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        await connection.GetDatabase().StringSetAsync(Key, "garbage");

        // Act
        var identity = await new RedisInstanceIdentityStore(connection, Key).GetOrCreateAsync(cancellationToken);

        // Assert
        var stored = (string?)await connection.GetDatabase().StringGetAsync(Key);
        Assert.Multiple(() =>
        {
            Assert.That(Guid.TryParse(identity.Id, out _), Is.True);
            Assert.That(stored, Does.Contain(identity.Id));
        });
    }
}
