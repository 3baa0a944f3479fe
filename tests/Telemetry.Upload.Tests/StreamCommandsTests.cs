using Telemetry.Upload.Internal;
using Telemetry.Upload.Tests.Infrastructure;

namespace Telemetry.Upload.Tests;

[TestFixture]
public sealed class StreamCommandsTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task RemoveIdleConsumers_IdleConsumerWithoutPending_IsRemovedAndHolderIsKept(CancellationToken cancellationToken)
    {
        // Arrange: "gone" read an entry and acknowledged it; "holder" holds one pending entry.
        var (_, redis) = await Servers.RedisAsync();
        var buffer = new TestBuffer(redis, new BufferKeys(Servers.KeyPrefix(), 1));
        await buffer.CreateGroupsAsync();
        var commands = new StreamCommands(redis, TimeSpan.FromSeconds(5));
        var stream = buffer.Keys.Stream(0);
        await buffer.AddAsync(TestReports.Create());
        using var connection = new ShardConnection(redis, stream, TimeSpan.FromSeconds(5));
        var read = await connection.ReadGroupAsync("gone", 10, cancellationToken);
        await buffer.Database.ExecuteAsync("XACK", stream, BufferKeys.ConsumerGroup, read[0].Id);
        await buffer.AddAsync(TestReports.Create());
        await connection.ReadGroupAsync("holder", 10, cancellationToken);

        // Act
        var removed = 0;
        await Eventually.UntilAsync(async () => (removed += await commands.RemoveIdleConsumersAsync(stream, TimeSpan.FromMilliseconds(50), cancellationToken)) > 0,
            TimeSpan.FromSeconds(10), "the idle consumer is removed", cancellationToken);

        // Assert
        var consumers = (StackExchange.Redis.RedisResult[])(await buffer.Database.ExecuteAsync("XINFO", "CONSUMERS", stream, BufferKeys.ConsumerGroup))!;
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(1));
            Assert.That(consumers, Has.Length.EqualTo(1));
            Assert.That((string?)((StackExchange.Redis.RedisResult[])consumers[0]!)[1], Is.EqualTo("holder"));
        });
    }
}
