using System.Collections.Concurrent;
using StackExchange.Redis;
using Telemetry.Buffer.Scripts;

namespace Telemetry.Ingestion.Buffering;

public sealed partial class RedisReportBuffer
{
    /// <summary>Most reports one append script call carries.</summary>
    internal const int MaxAppendBatch = 256;

    /// <inheritdoc />
    /// <remarks>
    /// The reports are queued on their shards first and only then sent, so a batch costs one script call per shard it
    /// touches (a unary call with one report: one Redis round trip). Reports of one shard that arrive while an append
    /// to that shard is in flight (other calls, other streams) wait for it and then go to Redis together, up to
    /// <see cref="MaxAppendBatch"/> in one script call. Each report still gets its own result.
    /// </remarks>
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<AppendRequest> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var pending = new Task<AppendResult>[reports.Count];
        var touched = new bool[_keys.Shards];
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            ArgumentNullException.ThrowIfNull(report.Report);
            ArgumentException.ThrowIfNullOrEmpty(report.ReportId);
            var shard = _keys.ShardOf(report.InstanceKey);
            var append = new PendingAppend(report, LimitOf(report.Product));
            _appendQueues[shard].Pending.Enqueue(append);
            touched[shard] = true;
            pending[i] = append.Result.Task;
        }

        for (var shard = 0; shard < touched.Length; shard++)
        {
            var queue = _appendQueues[shard];
            if (touched[shard] && Interlocked.CompareExchange(ref queue.Flushing, 1, 0) == 0)
            {
                _ = FlushAsync(shard, queue);
            }
        }

        // One report, the unary call's common case, needs no Task.WhenAll.
        return pending.Length == 1
            ? [await pending[0].ConfigureAwait(false)]
            : await Task.WhenAll(pending).ConfigureAwait(false);
    }

    // The GCRA parameters of a product: emission interval in µs (0 when rate limiting is off) and burst.
    private (long IntervalMicroseconds, int Burst) LimitOf(string product)
    {
        if (!_rateLimits.Enabled)
        {
            return (0, 0);
        }

        var limit = _rateLimits.For(product);
        return (Math.Max(1L, (long)Math.Round(3_600_000_000d / limit.ReportsPerHour)), limit.Burst);
    }

    // The only flusher of its shard while queue.Flushing is 1: sends batches until the queue is empty.
    private async Task FlushAsync(int shard, AppendQueue queue)
    {
        var batch = queue.Batch;
        while (true)
        {
            while (batch.Count < MaxAppendBatch && queue.Pending.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                Volatile.Write(ref queue.Flushing, 0);
                // A report enqueued after the last TryDequeue but before the flag was cleared found the flag set and
                // left the flushing to this loop: take it back unless another flusher has started.
                if (queue.Pending.IsEmpty || Interlocked.CompareExchange(ref queue.Flushing, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            try
            {
                await AppendBatchAsync(shard, batch).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Never leave a caller waiting, whatever went wrong.
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(exception);
                }
            }

            batch.Clear();
        }
    }

    private async Task AppendBatchAsync(int shard, List<PendingAppend> batch)
    {
        var memory = _memory.Current;
        var keys = new RedisKey[AppendScript.FixedKeys + batch.Count];
        keys[0] = _keys.Stream(shard);
        keys[1] = _keys.Stats(shard);
        keys[2] = _keys.ReportIds(shard);
        var arguments = new RedisValue[AppendScript.FixedArguments + (batch.Count * AppendScript.ArgumentsPerReport)];
        arguments[0] = _options.MaxEntriesPerShard;
        arguments[1] = _options.MaxBytesPerShard;
        arguments[2] = Telemetry.Buffer.BufferKeyspace.ConsumerGroup;
        arguments[3] = memory.IsFull ? 1 : 0;
        arguments[4] = ReportIdGenerations.GenerationSize(_options.MaxEntriesPerShard);
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            keys[AppendScript.FixedKeys + i] = _keys.RateLimit(shard, pending.Request.Product, pending.Request.InstanceKey);
            var a = AppendScript.FixedArguments + (i * AppendScript.ArgumentsPerReport);
            arguments[a] = pending.Request.ReportId;
            arguments[a + 1] = pending.Request.Product;
            arguments[a + 2] = pending.Request.Report;
            arguments[a + 3] = pending.Limit.IntervalMicroseconds;
            arguments[a + 4] = pending.Limit.Burst;
        }

        RedisResult[] reply;
        try
        {
            var call = _redis.GetDatabase().ScriptEvaluateAsync(AppendScript.Lua, keys, arguments);
            // The batch is shared, so no caller's token may abandon it; each caller stops waiting on its own token.
            reply = (RedisResult[])(await RedisCall.RunAsync(call, _timeout, CancellationToken.None).ConfigureAwait(false))!;
        }
        catch (BufferUnavailableException exception) when (RedisCall.IsOutOfMemory(exception))
        {
            // Redis itself is full (maxmemory with noeviction) before the memory watcher noticed: the same condition
            // as a high-water mark.
            Log.RedisOutOfMemory(_logger, shard, _options.MaxRetryDelay);
            Complete(batch, new AppendResult(AppendStatus.Overloaded, _options.MaxRetryDelay, shard, null));
            return;
        }
        catch (BufferUnavailableException exception)
        {
            Log.AppendUnavailable(_logger, shard, exception.Message);
            Complete(batch, new AppendResult(AppendStatus.Unavailable, exception.RetryDelay, shard, null));
            return;
        }

        var status = new ShardStatus(shard, (long)reply[1], (long)reply[2], null, (long)reply[3], (long)reply[4]);
        var serverMs = ParseMs(reply[0]);
        _drain[shard].Record(serverMs, status.DeletedEntries, status.DeletedBytes);
        var loggedOverload = false;
        for (var i = 0; i < batch.Count; i++)
        {
            var value = reply[6 + (i * 2)];
            AppendResult result;
            switch ((long)reply[5 + (i * 2)])
            {
                case AppendScript.Accepted:
                    result = new AppendResult(AppendStatus.Accepted, TimeSpan.Zero, shard, (string?)value);
                    break;
                case AppendScript.Duplicate:
                    result = new AppendResult(AppendStatus.Duplicate, TimeSpan.Zero, shard, null);
                    break;
                case AppendScript.RateLimited:
                    result = new AppendResult(AppendStatus.RateLimited, TimeSpan.FromMicroseconds((long)value), shard, null);
                    break;
                default:
                    var delay = memory.IsFull
                        ? OverloadRetryDelay.ForMemory(_options, memory, DrainBytesPerSecond(), Random.Shared.NextDouble())
                        // Nothing was appended after the first refusal, so the reply's entries and bytes are the ones it saw.
                        : OverloadRetryDelay.Compute(_options, status.Entries, status.Bytes, _drain[shard].Rate(), Random.Shared.NextDouble());
                    if (!loggedOverload)
                    {
                        LogOverloaded(shard, serverMs, status, memory, delay);
                        loggedOverload = true;
                    }

                    result = new AppendResult(AppendStatus.Overloaded, delay, shard, null);
                    break;
            }

            batch[i].Result.TrySetResult(result);
        }
    }

    // The buffer's measured drain rate in payload bytes per second, over every shard; null before it is known.
    private double? DrainBytesPerSecond()
    {
        double? sum = null;
        foreach (var drain in _drain)
        {
            if (drain.Rate() is { } rate)
            {
                sum = (sum ?? 0) + rate.BytesPerSecond;
            }
        }

        return sum;
    }

    private static void Complete(List<PendingAppend> batch, AppendResult result)
    {
        foreach (var pending in batch)
        {
            pending.Result.TrySetResult(result);
        }
    }

    private sealed class AppendQueue
    {
        public readonly ConcurrentQueue<PendingAppend> Pending = new();

        // The flush loop's batch, reused: only the loop that owns the queue touches it.
        public readonly List<PendingAppend> Batch = new(MaxAppendBatch);

        // 1 while a flush loop owns the queue.
        public int Flushing;
    }

    private sealed class PendingAppend(AppendRequest request, (long IntervalMicroseconds, int Burst) limit)
    {
        public AppendRequest Request { get; } = request;

        public (long IntervalMicroseconds, int Burst) Limit { get; } = limit;

        public TaskCompletionSource<AppendResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
