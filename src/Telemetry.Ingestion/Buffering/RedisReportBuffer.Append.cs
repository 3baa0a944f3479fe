using System.Collections.Concurrent;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;

namespace Telemetry.Ingestion.Buffering;

public sealed partial class RedisReportBuffer
{
    /// <summary>Most reports one append script call carries.</summary>
    internal const int MaxAppendBatch = 256;


    /// <inheritdoc />
    /// <remarks>
    /// Reports of one shard that arrive while an append to that shard is in flight wait for it and then go to Redis
    /// together, up to <see cref="MaxAppendBatch"/> in one script call: a lone report goes at once, and under load a
    /// shard costs Redis one script call per batch instead of one per report. Each report still gets its own result.
    /// </remarks>
    public Task<AppendResult> AppendAsync(byte[] report, string reportId, string product)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(reportId);
        var shard = _keys.ShardOf(reportId);
        var pending = new PendingAppend(report, reportId, product);
        var queue = _appendQueues[shard];
        queue.Pending.Enqueue(pending);
        if (Interlocked.CompareExchange(ref queue.Flushing, 1, 0) == 0)
        {
            _ = FlushAsync(shard, queue);
        }

        return pending.Result.Task;
    }

    // The only flusher of its shard while queue.Flushing is 1: sends batches until the queue is empty.
    private async Task FlushAsync(int shard, AppendQueue queue)
    {
        var batch = new List<PendingAppend>(MaxAppendBatch);
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
        var keys = new RedisKey[batch.Count + 2];
        keys[0] = _keys.Stream(shard);
        keys[1] = _keys.Stats(shard);
        var arguments = new RedisValue[4 + (batch.Count * 3)];
        arguments[0] = _dedupWindowMs;
        arguments[1] = _options.MaxEntriesPerShard;
        arguments[2] = _options.MaxBytesPerShard;
        arguments[3] = BufferKeyspace.ConsumerGroup;
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            keys[i + 2] = _keys.Dedup(pending.ReportId);
            arguments[4 + (i * 3)] = pending.ReportId;
            arguments[5 + (i * 3)] = pending.Product;
            arguments[6 + (i * 3)] = pending.Report;
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
            // Redis itself is full (maxmemory with noeviction): the same condition as a high-water mark.
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
        _drain[shard].Record(ParseMs(reply[0]), status.DeletedEntries, status.DeletedBytes);
        var loggedOverload = false;
        for (var i = 0; i < batch.Count; i++)
        {
            AppendResult result;
            switch ((long)reply[5 + (i * 2)])
            {
                case 1:
                    result = new AppendResult(AppendStatus.Accepted, TimeSpan.Zero, shard, (string?)reply[6 + (i * 2)]);
                    break;
                case 2:
                    result = new AppendResult(AppendStatus.Duplicate, TimeSpan.Zero, shard, null);
                    break;
                default:
                    // Nothing was appended after the first refusal, so the reply's entries and bytes are the ones it saw.
                    var delay = OverloadRetryDelay.Compute(_options, status.Entries, status.Bytes, _drain[shard].Rate(), Random.Shared.NextDouble());
                    if (!loggedOverload)
                    {
                        LogOverloaded(shard, ParseMs(reply[0]), status, delay);
                        loggedOverload = true;
                    }

                    result = new AppendResult(AppendStatus.Overloaded, delay, shard, null);
                    break;
            }

            batch[i].Result.TrySetResult(result);
        }
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

        // 1 while a flush loop owns the queue.
        public int Flushing;
    }

    private sealed class PendingAppend(byte[] report, string reportId, string product)
    {
        public byte[] Report { get; } = report;

        public string ReportId { get; } = reportId;

        public string Product { get; } = product;

        public TaskCompletionSource<AppendResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
