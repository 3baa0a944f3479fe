using Telemetry.Buffer;
using Telemetry.Upload.Internal;
using Telemetry.Upload.Tests.Infrastructure;

namespace Telemetry.Upload.Tests;

/// <summary>
/// The acknowledgement script (through the uploader's stream commands) against a real Redis: it trims the stream when nothing older is pending, deletes
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
        var commands = new StreamCommands(buffer.Redis);
        var stream = buffer.Keys.Stream(0);
        var read = await commands.ReadGroupAsync(stream, "uploader", 10, cancellationToken);

        var removed = await commands.AcknowledgeAsync(buffer.Keys, 0, Ids(read), Bytes(read), cancellationToken);

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
        var commands = new StreamCommands(buffer.Redis);
        var stream = buffer.Keys.Stream(0);
        var slow = await commands.ReadGroupAsync(stream, "slow", 2, cancellationToken);
        var fast = await commands.ReadGroupAsync(stream, "fast", 2, cancellationToken);

        // Act
        var removedFast = await commands.AcknowledgeAsync(buffer.Keys, 0, Ids(fast), Bytes(fast), cancellationToken);
        var leftAfterFast = await buffer.LengthAsync();
        var pendingAfterFast = await buffer.PendingAsync();
        var removedSlow = await commands.AcknowledgeAsync(buffer.Keys, 0, Ids(slow), Bytes(slow), cancellationToken);

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
        var commands = new StreamCommands(buffer.Redis);
        var stream = buffer.Keys.Stream(0);
        var read = await commands.ReadGroupAsync(stream, "uploader", 2, cancellationToken);

        await commands.AcknowledgeAsync(buffer.Keys, 0, Ids(read), Bytes(read), cancellationToken);
        var next = await commands.ReadGroupAsync(stream, "uploader", 10, cancellationToken);

        var (left, bytes) = (await buffer.LengthAsync(), await buffer.CountedBytesAsync());
        Assert.Multiple(() =>
        {
            Assert.That(next, Has.Count.EqualTo(1));
            Assert.That(StreamIds.Compare(next[0].Id, read[^1].Id), Is.GreaterThan(0));
            Assert.That(left, Is.EqualTo(1));
            Assert.That(bytes, Is.EqualTo(Payload(next[0]).Length));
        });
    }

    private static async Task<TestBuffer> BufferAsync(int entries)
    {
        var (_, redis) = await Servers.RedisAsync();
        var buffer = new TestBuffer(redis, new BufferKeyspace(Servers.KeyPrefix(), 1));
        await buffer.CreateGroupsAsync();
        await buffer.AddManyAsync(Enumerable.Range(0, entries).Select(_ => TestReports.Create()));
        return buffer;
    }

    private static string[] Ids(IEnumerable<BufferEntry> entries) => [.. entries.Select(e => e.Id)];

    private static long Bytes(IEnumerable<BufferEntry> entries) => entries.Sum(e => (long)Payload(e).Length);

    private static ReadOnlyMemory<byte> Payload(BufferEntry entry) =>
        entry.TryGet(BufferFields.Report, out var payload) ? payload : throw new AssertionException($"entry {entry.Id} has no report field");
}
