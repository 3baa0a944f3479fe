using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Testing;
using Telemetry.Upload.Internal;
using Telemetry.Upload.Tests.Infrastructure;

namespace Telemetry.Upload.Tests;

/// <summary>
/// The uploader's stream commands on StackExchange.Redis against real redis-server processes: replies of every size,
/// binary payloads, scripts Redis has forgotten, a missing group, authentication, a database other than 0, outages,
/// timeouts, idle consumers and a cluster slot that moves to another node.
/// </summary>
[TestFixture]
public sealed class StreamCommandsTests
{
    private const string Stream = "telemetry:v1:{shard-0}:reports";

    [Test]
    [CancelAfter(60_000)]
    public async Task ReadGroup_ThousandsOfBinaryPayloads_ArriveByteForByteInStreamOrder(CancellationToken cancellationToken)
    {
        // Arrange: payloads of every byte value, RESP's own delimiters included, about 5 MB in all: many socket
        // reads and several growths of the receive buffer.
        var (_, redis) = await Servers.RedisAsync();
        RedisKey stream = Servers.KeyPrefix() + "{shard-0}:reports";
        await redis.GetDatabase().ExecuteAsync("XGROUP", "CREATE", stream, BufferKeyspace.ConsumerGroup, "0", "MKSTREAM");
        var payloads = Enumerable.Range(0, 2500)
            .Select(i => Enumerable.Range(0, 2000).Select(j => (byte)((i + j) % 256)).Concat("\r\n$-1\r\n*3\r\n"u8.ToArray()).ToArray())
            .ToList();
        foreach (var payload in payloads)
        {
            await redis.GetDatabase().ExecuteAsync("XADD", stream, "*", BufferFields.ReportId, "id", BufferFields.Report, payload);
        }

        var commands = new StreamCommands(redis);

        // Act
        var read = await commands.ReadGroupAsync(stream, "reader", 5000, cancellationToken);
        var nothingMore = await commands.ReadGroupAsync(stream, "reader", 5000, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(read.Select(Payload), Is.EqualTo(payloads));
            Assert.That(read.Select(e => e.Text(BufferFields.ReportId)), Is.All.EqualTo("id"));
            Assert.That(read.Select(e => e.Id), Is.Ordered.Using((IComparer<string>)Comparer<string>.Create(StreamIds.Compare)));
            Assert.That(nothingMore, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AutoClaim_IdleEntriesOfAnotherConsumer_AreTakenOverWithTheCursor(CancellationToken cancellationToken)
    {
        // Arrange: "stopped" read three entries and never acknowledged them.
        var (_, redis) = await Servers.RedisAsync();
        RedisKey stream = Servers.KeyPrefix() + "{shard-0}:reports";
        await redis.GetDatabase().ExecuteAsync("XGROUP", "CREATE", stream, BufferKeyspace.ConsumerGroup, "0", "MKSTREAM");
        for (var i = 0; i < 3; i++)
        {
            await redis.GetDatabase().ExecuteAsync("XADD", stream, "*", BufferFields.Report, new byte[] { (byte)i });
        }

        var commands = new StreamCommands(redis);
        await commands.ReadGroupAsync(stream, "stopped", 10, cancellationToken);

        // Act: two entries at a time.
        var (cursor, first) = await commands.AutoClaimAsync(stream, "taker", TimeSpan.Zero, "0-0", 2, cancellationToken);
        var (end, rest) = await commands.AutoClaimAsync(stream, "taker", TimeSpan.Zero, cursor, 2, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Concat(rest).Select(e => Payload(e)[0]), Is.EqualTo(new byte[] { 0, 1, 2 }));
            Assert.That(cursor, Is.Not.EqualTo("0-0"));
            Assert.That(end, Is.EqualTo("0-0"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Evaluate_ScriptFlushedFromRedis_IsSentAgainWhole(CancellationToken cancellationToken)
    {
        var (server, redis) = await Servers.RedisAsync();
        RedisKey key = Servers.KeyPrefix() + "counter";
        var commands = new StreamCommands(redis);
        const string Script = "return redis.call('INCRBY', KEYS[1], ARGV[1])";

        var first = (long)await commands.ScriptAsync(Script, [key], [5], cancellationToken);
        await RedisCli.RunAsync(server.Port, "SCRIPT", "FLUSH");
        var second = (long)await commands.ScriptAsync(Script, [key], [5], cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(5));
            Assert.That(second, Is.EqualTo(10));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ReadGroup_WithoutGroup_FailsAsNoGroupAndTheConnectionKeepsWorking(CancellationToken cancellationToken)
    {
        var (_, redis) = await Servers.RedisAsync();
        RedisKey stream = Servers.KeyPrefix() + "{shard-0}:reports";
        var commands = new StreamCommands(redis);

        var failure = Assert.CatchAsync(() => commands.ReadGroupAsync(stream, "reader", 10, cancellationToken));
        await redis.GetDatabase().ExecuteAsync("XGROUP", "CREATE", stream, BufferKeyspace.ConsumerGroup, "0", "MKSTREAM");
        var read = await commands.ReadGroupAsync(stream, "reader", 10, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(failure, Is.TypeOf<RedisServerException>());
            Assert.That(StreamCommands.IsNoGroup(failure!), Is.True);
            Assert.That(StreamCommands.IsTransient(failure!), Is.True);
            Assert.That(read, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ReadGroup_PasswordAndDatabaseOfTheConfiguration_AreUsed(CancellationToken cancellationToken)
    {
        // Arrange: a server that demands a password, and a configuration that selects database 3.
        await using var server = await RedisServer.StartAsync(["--requirepass", "s3cret"], cancellationToken);
        using var redis = await ConnectWithGroupAsync(server, ",password=s3cret,defaultDatabase=3");
        await redis.GetDatabase().ExecuteAsync("XADD", Stream, "*", BufferFields.Report, "in database 3");
        var commands = new StreamCommands(redis);

        // Act
        var read = await commands.ReadGroupAsync(Stream, "reader", 10, cancellationToken);

        // Assert
        Assert.That(read.Select(e => e.Text(BufferFields.Report)), Is.EqualTo(new[] { "in database 3" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ReadGroup_RedisRestarted_FailsTransientlyThenReconnects(CancellationToken cancellationToken)
    {
        // Arrange
        await using var server = await RedisServer.StartAsync(cancellationToken);
        using var redis = await ConnectWithGroupAsync(server);
        await redis.GetDatabase().ExecuteAsync("XADD", Stream, "*", BufferFields.Report, "before");
        var commands = new StreamCommands(redis);
        await commands.ReadGroupAsync(Stream, "reader", 10, cancellationToken);

        // Act
        await server.StopAsync();
        var failure = Assert.CatchAsync(() => commands.ReadGroupAsync(Stream, "reader", 10, cancellationToken));
        await server.StartAgainAsync(cancellationToken);
        await RedisCli.RunAsync(server.Port, "XADD", Stream, "*", BufferFields.Report, "after");
        var read = await commands.ReadGroupAsync(Stream, "reader", 10, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(StreamCommands.IsTransient(failure!), Is.True, failure!.ToString());
            Assert.That(read.Select(e => e.Text(BufferFields.Report)), Is.EqualTo(new[] { "after" }));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ReadGroup_RedisPausedPastTheTimeout_FailsWithTimeoutThenWorks(CancellationToken cancellationToken)
    {
        // Arrange: CLIENT PAUSE holds every write command (XREADGROUP is one) for a second; calls time out after 200 ms.
        await using var server = await RedisServer.StartAsync(cancellationToken);
        using var redis = await ConnectWithGroupAsync(server, ",asyncTimeout=200");
        var commands = new StreamCommands(redis);
        await commands.ReadGroupAsync(Stream, "reader", 10, cancellationToken);
        await RedisCli.RunAsync(server.Port, "CLIENT", "PAUSE", "1000", "WRITE");

        // Act
        var failure = Assert.CatchAsync(() => commands.ReadGroupAsync(Stream, "reader", 10, cancellationToken));
        await Task.Delay(1200, cancellationToken);
        await redis.GetDatabase().ExecuteAsync("XADD", Stream, "*", BufferFields.Report, "after the pause");
        var read = await commands.ReadGroupAsync(Stream, "reader", 10, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(failure, Is.TypeOf<RedisTimeoutException>());
            Assert.That(StreamCommands.IsTransient(failure!), Is.True);
            Assert.That(read.Select(e => e.Text(BufferFields.Report)), Is.EqualTo(new[] { "after the pause" }));
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task ReadGroup_ClusterSlotMovedToAnotherNode_FollowsTheRedirection(CancellationToken cancellationToken)
    {
        // Arrange: a two-node cluster; node A serves every slot, and the connection starts there.
        // The cluster bus ports are chosen free too (by default they are the port plus 10,000).
        var busPortOfB = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var a = await RedisServer.StartAsync(["--cluster-enabled", "yes", "--cluster-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        await using var b = await RedisServer.StartAsync(["--cluster-enabled", "yes", "--cluster-port", busPortOfB], cancellationToken);
        await RedisCli.RunAsync(a.Port, "CLUSTER", "ADDSLOTSRANGE", "0", "16383");
        await RedisCli.RunAsync(a.Port, "CLUSTER", "MEET", "127.0.0.1", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), busPortOfB);
        await Eventually.UntilAsync(
            async () => (await RedisCli.RunAsync(b.Port, "CLUSTER", "INFO")).Contains("cluster_state:ok", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "both nodes agree the cluster is up", cancellationToken);
        var slot = await RedisCli.RunAsync(a.Port, "CLUSTER", "KEYSLOT", Stream);
        await RedisCli.RunAsync(a.Port, "XGROUP", "CREATE", Stream, BufferKeyspace.ConsumerGroup, "0", "MKSTREAM");
        await RedisCli.RunAsync(a.Port, "XADD", Stream, "*", BufferFields.Report, "on a");
        using var redis = await ConnectionMultiplexer.ConnectAsync(a.ConnectionString);
        var commands = new StreamCommands(redis);
        var onA = await commands.ReadGroupAsync(Stream, "reader", 10, cancellationToken);

        // Act: the slot, emptied, is handed to node B, where the stream starts again.
        await RedisCli.RunAsync(a.Port, "DEL", Stream);
        var bId = await RedisCli.RunAsync(b.Port, "CLUSTER", "MYID");
        await RedisCli.RunAsync(b.Port, "CLUSTER", "SETSLOT", slot, "NODE", bId);
        await RedisCli.RunAsync(a.Port, "CLUSTER", "SETSLOT", slot, "NODE", bId);
        await RedisCli.RunAsync(b.Port, "XGROUP", "CREATE", Stream, BufferKeyspace.ConsumerGroup, "0", "MKSTREAM");
        await RedisCli.RunAsync(b.Port, "XADD", Stream, "*", BufferFields.Report, "on b");
        var onB = await commands.ReadGroupAsync(Stream, "reader", 10, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(onA.Select(e => e.Text(BufferFields.Report)), Is.EqualTo(new[] { "on a" }));
            Assert.That(onB.Select(e => e.Text(BufferFields.Report)), Is.EqualTo(new[] { "on b" }));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task RemoveIdleConsumers_IdleConsumerWithoutPending_IsRemovedAndHolderIsKept(CancellationToken cancellationToken)
    {
        // Arrange: "gone" read an entry and acknowledged it; "holder" holds one pending entry.
        var (_, redis) = await Servers.RedisAsync();
        var buffer = new TestBuffer(redis, new BufferKeyspace(Servers.KeyPrefix(), 1));
        await buffer.CreateGroupsAsync();
        var commands = new StreamCommands(redis);
        var stream = buffer.Keys.Stream(0);
        await buffer.AddAsync(TestReports.Create());
        var read = await commands.ReadGroupAsync(stream, "gone", 10, cancellationToken);
        await buffer.Database.ExecuteAsync("XACK", stream, BufferKeyspace.ConsumerGroup, read[0].Id);
        await buffer.AddAsync(TestReports.Create());
        await commands.ReadGroupAsync(stream, "holder", 10, cancellationToken);

        // Act
        var removed = 0;
        await Eventually.UntilAsync(async () => (removed += await commands.RemoveIdleConsumersAsync(stream, TimeSpan.FromMilliseconds(50), cancellationToken)) > 0,
            TimeSpan.FromSeconds(10), "the idle consumer is removed", cancellationToken);

        // Assert
        var consumers = (StackExchange.Redis.RedisResult[])(await buffer.Database.ExecuteAsync("XINFO", "CONSUMERS", stream, BufferKeyspace.ConsumerGroup))!;
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(1));
            Assert.That(consumers, Has.Length.EqualTo(1));
            Assert.That((string?)((StackExchange.Redis.RedisResult[])consumers[0]!)[1], Is.EqualTo("holder"));
        });
    }

    /// <summary>Connects to a private server (plus <paramref name="options"/>) and creates the shard's group there.</summary>
    private static async Task<ConnectionMultiplexer> ConnectWithGroupAsync(RedisServer server, string options = "")
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + options);
        await redis.GetDatabase().ExecuteAsync("XGROUP", "CREATE", Stream, BufferKeyspace.ConsumerGroup, "0", "MKSTREAM");
        return redis;
    }

    private static byte[] Payload(BufferEntry entry) =>
        entry.TryGet(BufferFields.Report, out var payload) ? payload.ToArray() : throw new AssertionException($"entry {entry.Id} has no report field");
}
