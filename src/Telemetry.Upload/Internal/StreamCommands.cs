using System.Net.Sockets;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;

namespace Telemetry.Upload.Internal;

/// <summary>
/// The stream commands of the uploader, on the process's one <see cref="IConnectionMultiplexer"/> through
/// StackExchange.Redis's typed stream API. The multiplexer bounds each call (<c>Redis:OperationTimeout</c>); the
/// caller's token stops the wait (the client takes no token, so the command may still run on the server). Never
/// BLOCK: the multiplexer is shared, and a blocking read would stall every other caller.
/// </summary>
internal sealed class StreamCommands(IConnectionMultiplexer redis)
{
    private static readonly string[] NoIds = [];

    public IDatabase Database => redis.GetDatabase();

    /// <summary>Runs a Lua script (EVALSHA, loading it again after a flushed script cache).</summary>
    public Task<RedisResult> ScriptAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken) =>
        BoundAsync(Database.ScriptEvaluateAsync(script, keys, values), cancellationToken);

    /// <summary>
    /// Creates the consumer group at the stream's start (and the stream) unless it exists. It looks before it creates:
    /// creating is a write, which a full Redis (maxmemory with noeviction) refuses, and an uploader must be able to
    /// start draining exactly then.
    /// </summary>
    public async Task EnsureGroupAsync(RedisKey stream, CancellationToken cancellationToken)
    {
        if (await GroupExistsAsync(stream, cancellationToken))
        {
            return;
        }

        try
        {
            await BoundAsync(Database.StreamCreateConsumerGroupAsync(stream, BufferKeyspace.ConsumerGroup, StreamPosition.Beginning, createStream: true), cancellationToken);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    private async Task<bool> GroupExistsAsync(RedisKey stream, CancellationToken cancellationToken)
    {
        try
        {
            var groups = await BoundAsync(Database.StreamGroupInfoAsync(stream), cancellationToken);
            return groups.Any(g => g.Name == BufferKeyspace.ConsumerGroup);
        }
        catch (RedisServerException exception) when (exception.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }

    /// <summary>Up to <paramref name="count"/> entries never delivered to any consumer (XREADGROUP &gt;), without blocking.</summary>
    public async Task<IReadOnlyList<BufferEntry>> ReadGroupAsync(RedisKey stream, string consumer, int count, CancellationToken cancellationToken)
    {
        var entries = await BoundAsync(Database.StreamReadGroupAsync(stream, BufferKeyspace.ConsumerGroup, consumer, StreamPosition.NewMessages, count), cancellationToken);
        return Entries(entries);
    }

    /// <summary>
    /// Up to <paramref name="count"/> entries pending for <paramref name="consumer"/> itself (XREADGROUP from 0): those
    /// Redis delivered when the reply was lost (a connection cut, a Redis restart from its append-only file).
    /// </summary>
    public async Task<IReadOnlyList<BufferEntry>> ReadOwnPendingAsync(RedisKey stream, string consumer, int count, CancellationToken cancellationToken)
    {
        var entries = await BoundAsync(Database.StreamReadGroupAsync(stream, BufferKeyspace.ConsumerGroup, consumer, StreamPosition.Beginning, count), cancellationToken);
        return Entries(entries);
    }

    /// <summary>
    /// Claims entries idle for <paramref name="minIdle"/> from any consumer (XAUTOCLAIM), starting at
    /// <paramref name="start"/>; returns the cursor to continue from (<c>0-0</c> once the scan is complete).
    /// </summary>
    public async Task<(string Cursor, IReadOnlyList<BufferEntry> Entries)> AutoClaimAsync(
        RedisKey stream, string consumer, TimeSpan minIdle, string start, int count, CancellationToken cancellationToken)
    {
        var result = await BoundAsync(
            Database.StreamAutoClaimAsync(stream, BufferKeyspace.ConsumerGroup, consumer, (long)minIdle.TotalMilliseconds, start, count),
            cancellationToken);
        return ((string?)result.NextStartId ?? "0-0", Entries(result.ClaimedEntries));
    }

    /// <summary>
    /// Acknowledges stored entries of shard <paramref name="shard"/> and removes them from the stream, giving their
    /// bytes back to the shard's counter and dropping the report-ids generations left behind
    /// (<see cref="AcknowledgeScript"/>, trimming up to the highest entry when nothing older is pending). Returns the
    /// number removed.
    /// </summary>
    public async Task<long> AcknowledgeAsync(BufferKeyspace keys, int shard, IReadOnlyList<string> ids, long bytes, CancellationToken cancellationToken)
    {
        var highest = ids.Max(Comparer<string>.Create(StreamIds.Compare))!;
        var arguments = AcknowledgeScript.Arguments(ids, bytes, StreamIds.Next(highest));
        return (long)await ScriptAsync(AcknowledgeScript.Lua, AcknowledgeScript.Keys(keys, shard), arguments, cancellationToken);
    }

    /// <summary>Delivery counts of this consumer's pending entries between two IDs (extended XPENDING).</summary>
    public async Task<IReadOnlyDictionary<string, long>> DeliveryCountsAsync(
        RedisKey stream, string consumer, string minId, string maxId, int count, CancellationToken cancellationToken)
    {
        var pending = await BoundAsync(Database.StreamPendingMessagesAsync(stream, BufferKeyspace.ConsumerGroup, count, consumer, minId, maxId), cancellationToken);
        return pending.ToDictionary(p => (string)p.MessageId!, p => (long)p.DeliveryCount, StringComparer.Ordinal);
    }

    /// <summary>
    /// Claims the given entries for <paramref name="consumer"/> again. With <paramref name="justId"/> it only resets
    /// their idle time (the delivery count is unchanged: a keep-alive while a batch is retried); without it the
    /// delivery count goes up by one (a counted redelivery). Returns the IDs still pending.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClaimAsync(RedisKey stream, string consumer, IReadOnlyCollection<string> ids, bool justId, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return NoIds;
        }

        var messageIds = ids.Select(id => (RedisValue)id).ToArray();
        if (justId)
        {
            var claimed = await BoundAsync(Database.StreamClaimIdsOnlyAsync(stream, BufferKeyspace.ConsumerGroup, consumer, 0, messageIds), cancellationToken);
            return claimed.Select(id => (string)id!).ToArray();
        }

        var entries = await BoundAsync(Database.StreamClaimAsync(stream, BufferKeyspace.ConsumerGroup, consumer, 0, messageIds), cancellationToken);
        return entries.Where(e => !e.IsNull).Select(e => (string)e.Id!).ToArray();
    }

    /// <summary>
    /// Claims for <paramref name="consumer"/> up to <paramref name="count"/> pending entries of <paramref name="owner"/>
    /// that have been idle at least <paramref name="minIdle"/> (XPENDING for that consumer, then XCLAIM, a counted
    /// delivery). Entries acknowledged or claimed by someone else meanwhile are skipped.
    /// </summary>
    public async Task<IReadOnlyList<BufferEntry>> ClaimFromAsync(
        RedisKey stream, string owner, string consumer, TimeSpan minIdle, int count, CancellationToken cancellationToken)
    {
        var pending = await BoundAsync(Database.StreamPendingMessagesAsync(stream, BufferKeyspace.ConsumerGroup, count, owner), cancellationToken);
        if (pending.Length == 0)
        {
            return [];
        }

        var ids = pending.Select(p => p.MessageId).ToArray();
        var entries = await BoundAsync(Database.StreamClaimAsync(stream, BufferKeyspace.ConsumerGroup, consumer, (long)minIdle.TotalMilliseconds, ids), cancellationToken);
        return Entries(entries.Where(e => !e.IsNull).ToArray());
    }

    /// <summary>The consumers of the uploaders group that hold pending entries, with how many (XINFO CONSUMERS).</summary>
    public async Task<IReadOnlyList<(string Name, long Pending)>> HoldingConsumersAsync(RedisKey stream, CancellationToken cancellationToken)
    {
        var consumers = await BoundAsync(Database.StreamConsumerInfoAsync(stream, BufferKeyspace.ConsumerGroup), cancellationToken);
        return consumers.Where(c => c.PendingMessageCount > 0).Select(c => (c.Name, (long)c.PendingMessageCount)).ToArray();
    }

    /// <summary>Whether the lease key of an uploader exists (it is alive, or stopped less than a lease ago).</summary>
    public Task<bool> LeaseHeldAsync(RedisKey lease, CancellationToken cancellationToken) =>
        BoundAsync(Database.KeyExistsAsync(lease), cancellationToken);

    /// <summary>Sets or renews a lease key for <paramref name="duration"/>.</summary>
    public Task<bool> RenewLeaseAsync(RedisKey lease, TimeSpan duration, CancellationToken cancellationToken) =>
        BoundAsync(Database.StringSetAsync(lease, 1, duration), cancellationToken);

    /// <summary>Deletes a lease key: the uploader stopped, and whatever it still holds may be claimed at once.</summary>
    public Task<bool> ReleaseLeaseAsync(RedisKey lease, CancellationToken cancellationToken) =>
        BoundAsync(Database.KeyDeleteAsync(lease), cancellationToken);

    /// <summary>Entries between two IDs (inclusive; <c>(</c> before an ID excludes it), oldest first.</summary>
    public async Task<IReadOnlyList<BufferEntry>> RangeAsync(RedisKey stream, string start, string end, int count, CancellationToken cancellationToken)
    {
        var entries = await BoundAsync(Database.StreamRangeAsync(stream, start, end, count), cancellationToken);
        return Entries(entries);
    }

    /// <summary>The <c>lag</c> and <c>pending</c> of the uploaders group (XINFO GROUPS); nulls when unknown.</summary>
    public async Task<(long? Lag, long? Pending)> GroupInfoAsync(RedisKey stream, CancellationToken cancellationToken)
    {
        var groups = await BoundAsync(Database.StreamGroupInfoAsync(stream), cancellationToken);
        foreach (var group in groups)
        {
            if (group.Name == BufferKeyspace.ConsumerGroup)
            {
                return (group.Lag, group.PendingMessageCount);
            }
        }

        return (null, null);
    }

    /// <summary>
    /// Removes consumers of the group that hold nothing and have been idle longer than <paramref name="idle"/>: every
    /// uploader start adds a consumer name, and Redis keeps them forever otherwise. A live consumer removed this way
    /// loses nothing (it has no pending entries) and is recreated by its next read. Returns how many were removed.
    /// </summary>
    public async Task<int> RemoveIdleConsumersAsync(RedisKey stream, TimeSpan idle, CancellationToken cancellationToken)
    {
        var consumers = await BoundAsync(Database.StreamConsumerInfoAsync(stream, BufferKeyspace.ConsumerGroup), cancellationToken);
        var removed = 0;
        foreach (var consumer in consumers.Where(c => c.PendingMessageCount == 0 && c.IdleTimeInMilliseconds > idle.TotalMilliseconds))
        {
            await BoundAsync(Database.StreamDeleteConsumerAsync(stream, BufferKeyspace.ConsumerGroup, consumer.Name), cancellationToken);
            removed++;
        }

        return removed;
    }

    public static bool IsNoGroup(Exception exception) =>
        exception is RedisServerException && exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal);

    /// <summary>Failures that mean Redis is unreachable or busy for now, rather than a bug.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or TimeoutException or IOException or SocketException
        || (exception is RedisServerException && (IsNoGroup(exception)
            || exception.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || exception.Message.StartsWith("BUSY", StringComparison.Ordinal)
            || exception.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
            || exception.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
            || exception.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || exception.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || exception.Message.StartsWith("OOM", StringComparison.Ordinal)
            || exception.Message.StartsWith("NOAUTH", StringComparison.Ordinal)));

    private static List<BufferEntry> Entries(StreamEntry[] entries)
    {
        var result = new List<BufferEntry>(entries.Length);
        foreach (var entry in entries)
        {
            if (BufferEntry.From(entry) is { } parsed)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    // Continuations resume on the thread pool (ForceYielding): formatting and storing a whole batch must not run
    // inline on the client's reply-processing thread and hold up the replies of every other shard behind it.
    private static async Task<T> BoundAsync<T>(Task<T> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        catch (OperationCanceledException)
        {
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }
}
