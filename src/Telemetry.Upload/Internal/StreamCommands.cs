using System.Globalization;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Telemetry.Upload.Internal;

/// <summary>
/// The stream commands the uploader needs, through <c>ExecuteAsync</c> (StackExchange.Redis 1.2.6 has no stream
/// API) and bounded in time (1.2.6 takes no cancellation token, so the wait is abandoned while the command may still
/// run on the server). Never BLOCK: the multiplexer is shared, and a blocking read would stall every other caller.
/// </summary>
internal sealed class StreamCommands(IConnectionMultiplexer redis, TimeSpan timeout)
{
    private static readonly string[] NoIds = [];

    public IDatabase Database => redis.GetDatabase();

    public TimeSpan Timeout => timeout;

    // Both calls resume on the thread pool (ForceYielding): 1.2.6 completes every reply, in order, on one completion
    // worker, and a continuation run inline there (formatting and storing a whole batch) would hold up the replies of
    // every other shard behind it.
    public async Task<RedisResult> ExecuteAsync(string command, object[] args, CancellationToken cancellationToken)
    {
        var call = Database.ExecuteAsync(command, args);
        try
        {
            return await call.WaitAsync(timeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            Observe(call);
            throw;
        }
    }

    public async Task<RedisResult> ScriptAsync(string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken)
    {
        var call = Database.ScriptEvaluateAsync(script, keys, values);
        try
        {
            return await call.WaitAsync(timeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            Observe(call);
            throw;
        }
    }

    /// <summary>Creates the consumer group at the stream's start (and the stream), ignoring BUSYGROUP.</summary>
    public async Task EnsureGroupAsync(RedisKey stream, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("XGROUP", ["CREATE", stream, BufferKeys.ConsumerGroup, "0", "MKSTREAM"], cancellationToken);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>Delivery counts of this consumer's pending entries between two IDs (extended XPENDING).</summary>
    public async Task<IReadOnlyDictionary<string, long>> DeliveryCountsAsync(
        RedisKey stream, string consumer, string minId, string maxId, int count, CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await ExecuteAsync(
            "XPENDING",
            [stream, BufferKeys.ConsumerGroup, minId, maxId, count.ToString(CultureInfo.InvariantCulture), consumer],
            cancellationToken))!;
        var counts = new Dictionary<string, long>(reply.Length, StringComparer.Ordinal);
        foreach (var item in reply)
        {
            var fields = (RedisResult[])item!;
            counts[(string)fields[0]!] = (long)fields[3];
        }

        return counts;
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

        var args = new List<object>(ids.Count + 5) { stream, BufferKeys.ConsumerGroup, consumer, "0" };
        args.AddRange(ids);
        if (justId)
        {
            args.Add("JUSTID");
        }

        var reply = (RedisResult[])(await ExecuteAsync("XCLAIM", [.. args], cancellationToken))!;
        return justId
            ? reply.Select(r => (string)r!).ToArray()
            : reply.Where(r => !r.IsNull).Select(r => (string)((RedisResult[])r!)[0]!).ToArray();
    }

    /// <summary>Entries between two IDs (inclusive; <c>(</c> before an ID excludes it), oldest first.</summary>
    public async Task<IReadOnlyList<StreamEntry>> RangeAsync(RedisKey stream, string start, string end, int count, CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync("XRANGE", [stream, start, end, "COUNT", count.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        return reply.IsNull ? [] : ParseEntries((RedisResult[])reply!);
    }

    /// <summary>The <c>lag</c> and <c>pending</c> of the uploaders group (XINFO GROUPS, Redis 7.0+); nulls when unknown.</summary>
    public async Task<(long? Lag, long? Pending)> GroupInfoAsync(RedisKey stream, CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await ExecuteAsync("XINFO", ["GROUPS", stream], cancellationToken))!;
        foreach (var group in reply)
        {
            var fields = (RedisResult[])group!;
            string? name = null;
            long? lag = null, pending = null;
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                switch ((string)fields[i]!)
                {
                    case "name":
                        name = (string)fields[i + 1]!;
                        break;
                    case "lag" when !fields[i + 1].IsNull:
                        lag = (long)fields[i + 1];
                        break;
                    case "pending":
                        pending = (long)fields[i + 1];
                        break;
                }
            }

            if (name == BufferKeys.ConsumerGroup)
            {
                return (lag, pending);
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
        var reply = (RedisResult[])(await ExecuteAsync("XINFO", ["CONSUMERS", stream, BufferKeys.ConsumerGroup], cancellationToken))!;
        var removed = 0;
        foreach (var consumer in reply)
        {
            var fields = (RedisResult[])consumer!;
            string? name = null;
            long pending = -1, idleMs = -1;
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                switch ((string)fields[i]!)
                {
                    case "name":
                        name = (string)fields[i + 1]!;
                        break;
                    case "pending":
                        pending = (long)fields[i + 1];
                        break;
                    case "idle":
                        idleMs = (long)fields[i + 1];
                        break;
                }
            }

            if (name is not null && pending == 0 && idleMs > idle.TotalMilliseconds)
            {
                await ExecuteAsync("XGROUP", ["DELCONSUMER", stream, BufferKeys.ConsumerGroup, name], cancellationToken);
                removed++;
            }
        }

        return removed;
    }

    public static bool IsNoGroup(Exception exception) =>
        exception is RedisServerException or RedisReplyException && exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal);

    /// <summary>
    /// Failures that mean Redis is unreachable or busy for now, rather than a bug: from the multiplexer, or from a
    /// shard's own connection (socket errors, timeouts, and the same error replies).
    /// </summary>
    public static bool IsTransient(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or TimeoutException or IOException or SocketException
        || (exception is RedisServerException or RedisReplyException && (IsNoGroup(exception)
            || exception.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || exception.Message.StartsWith("BUSY", StringComparison.Ordinal)
            || exception.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
            || exception.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
            || exception.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || exception.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || exception.Message.StartsWith("OOM", StringComparison.Ordinal)
            || exception.Message.StartsWith("NOAUTH", StringComparison.Ordinal)));

    private static List<StreamEntry> ParseEntries(RedisResult[] items)
    {
        var entries = new List<StreamEntry>(items.Length);
        foreach (var item in items)
        {
            if (item.IsNull)
            {
                continue;
            }

            var pair = (RedisResult[])item!;
            var id = (string)pair[0]!;
            var fields = new Dictionary<string, byte[]>(4, StringComparer.Ordinal);
            if (!pair[1].IsNull)
            {
                var values = (RedisResult[])pair[1]!;
                for (var i = 0; i + 1 < values.Length; i += 2)
                {
                    fields[StreamEntry.FieldName((byte[])values[i]!)] = (byte[])values[i + 1]! ?? [];
                }
            }

            entries.Add(new StreamEntry(id, fields));
        }

        return entries;
    }

    private static void Observe(Task call) =>
        call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
