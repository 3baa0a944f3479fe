using Telemetry.Upload.Internal;
using Telemetry.Upload.Tests.Infrastructure;

namespace Telemetry.Upload.Tests;

/// <summary>
/// The acknowledgement script (through the shard connection) against a real Redis: it trims the stream when nothing older is pending, deletes
/// entry by entry when another consumer still holds older entries, and never removes an entry not yet delivered.
/// </summary>
[TestFixture]
public sealed class AckAndRemoveTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Acknowledge_NothingOlderPending_RemovesTheEntriesAndFreesTheirBytes(CancellationToken cancellationToken)
    {
        var buffer = await BufferAsync(entries: 5);
        using var connection = Connect(buffer);
        var read = await connection.ReadGroupAsync("uploader", 10, cancellationToken);

        var removed = await connection.AcknowledgeAsync((string)buffer.Keys.Stats(0)!, Ids(read), Bytes(read), cancellationToken);

        var (left, pending, bytes) = (await buffer.LengthAsync(), await buffer.PendingAsync(), await buffer.CountedBytesAsync());
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(5));
            Assert.That(left, Is.Zero);
            Assert.That(pending, Is.Zero);
            Assert.That(bytes, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Acknowledge_AnotherConsumerHoldsOlderEntries_RemovesOnlyTheAcknowledged(CancellationToken cancellationToken)
    {
        // Arrange: "slow" holds the two oldest entries, "fast" the next two.
        var buffer = await BufferAsync(entries: 4);
        using var connection = Connect(buffer);
        var slow = await connection.ReadGroupAsync("slow", 2, cancellationToken);
        var fast = await connection.ReadGroupAsync("fast", 2, cancellationToken);

        // Act
        var removedFast = await connection.AcknowledgeAsync((string)buffer.Keys.Stats(0)!, Ids(fast), Bytes(fast), cancellationToken);
        var leftAfterFast = await buffer.LengthAsync();
        var pendingAfterFast = await buffer.PendingAsync();
        var removedSlow = await connection.AcknowledgeAsync((string)buffer.Keys.Stats(0)!, Ids(slow), Bytes(slow), cancellationToken);

        // Assert
        var (left, bytes) = (await buffer.LengthAsync(), await buffer.CountedBytesAsync());
        Assert.Multiple(() =>
        {
            Assert.That(removedFast, Is.EqualTo(2));
            Assert.That(leftAfterFast, Is.EqualTo(2));
            Assert.That(pendingAfterFast, Is.EqualTo(2));
            Assert.That(removedSlow, Is.EqualTo(2));
            Assert.That(left, Is.Zero);
            Assert.That(bytes, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Acknowledge_NewerEntriesNotYetDelivered_AreKeptAndDeliveredNext(CancellationToken cancellationToken)
    {
        var buffer = await BufferAsync(entries: 3);
        using var connection = Connect(buffer);
        var read = await connection.ReadGroupAsync("uploader", 2, cancellationToken);

        await connection.AcknowledgeAsync((string)buffer.Keys.Stats(0)!, Ids(read), Bytes(read), cancellationToken);
        var next = await connection.ReadGroupAsync("uploader", 10, cancellationToken);

        var (left, bytes) = (await buffer.LengthAsync(), await buffer.CountedBytesAsync());
        Assert.Multiple(() =>
        {
            Assert.That(next, Has.Count.EqualTo(1));
            Assert.That(StreamIds.Compare(next[0].Id, read[^1].Id), Is.GreaterThan(0));
            Assert.That(left, Is.EqualTo(1));
            Assert.That(bytes, Is.EqualTo(next[0].Fields[BufferKeys.ReportField].Length));
        });
    }

    private static async Task<TestBuffer> BufferAsync(int entries)
    {
        var (_, redis) = await Servers.RedisAsync();
        var buffer = new TestBuffer(redis, new BufferKeys(Servers.KeyPrefix(), 1));
        await buffer.CreateGroupsAsync();
        await buffer.AddManyAsync(Enumerable.Range(0, entries).Select(_ => TestReports.Create()));
        return buffer;
    }

    private static ShardConnection Connect(TestBuffer buffer) =>
        new(buffer.Redis, buffer.Keys.Stream(0), TimeSpan.FromSeconds(5));

    private static string[] Ids(IEnumerable<StreamEntry> entries) => [.. entries.Select(e => e.Id)];

    private static long Bytes(IEnumerable<StreamEntry> entries) => entries.Sum(e => (long)e.Fields[BufferKeys.ReportField].Length);
}
