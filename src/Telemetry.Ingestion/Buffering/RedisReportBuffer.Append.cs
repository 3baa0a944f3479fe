using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Telemetry.Ingestion.Buffering;

public sealed partial class RedisReportBuffer
{
    /// <summary>Most reports one append script call carries.</summary>
    internal const int MaxAppendBatch = 256;

    // KEYS[1] stream, KEYS[2] statistics hash, KEYS[3..] the dedup key of each report. ARGV[1] dedup window ms,
    // ARGV[2] max entries, ARGV[3] max bytes, ARGV[4] group, then per report (i from 0) ARGV[5 + 3i] report_id,
    // ARGV[6 + 3i] product, ARGV[7 + 3i] report bytes. Each report is deduplicated, checked against the high-water
    // marks and appended in turn, exactly as if it had a script call of its own. Returns {server ms, entries, bytes,
    // appended entries, appended bytes} after the last report, then {status, entry id or ''} per report with status
    // 1 accepted, 2 duplicate, 3 overloaded. A duplicate is answered before the marks are checked, so that a retry of
    // an accepted report is never told to come back later: the dedup key is set first (one command instead of a check
    // and a set) and removed again when the report is refused for the marks. The group is created with a missing
    // stream, so that a stream lost with Redis's data is recreated with its group (entries are never added without one).
    internal const string AppendScript = """
        local t = redis.call('TIME')
        local now_ms = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
        local stats = redis.call('HMGET', KEYS[2], 'bytes', 'appended_entries', 'appended_bytes')
        local bytes = tonumber(stats[1]) or 0
        local appended_entries = tonumber(stats[2]) or 0
        local appended_bytes = tonumber(stats[3]) or 0
        local length = redis.call('XLEN', KEYS[1])
        local max_entries = tonumber(ARGV[2])
        local max_bytes = tonumber(ARGV[3])
        local added_bytes = 0
        local added_entries = 0
        local checked_stream = false
        local reply = {now_ms, 0, 0, 0, 0}
        for i = 3, #KEYS do
          local a = 5 + (i - 3) * 3
          local status = 2
          local id = ''
          if not redis.call('SET', KEYS[i], '1', 'NX', 'PX', ARGV[1]) then
            status = 2
          elseif length >= max_entries or bytes >= max_bytes then
            redis.call('DEL', KEYS[i])
            status = 3
          else
            if not checked_stream then
              if redis.call('EXISTS', KEYS[1]) == 0 then
                redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[4], '0', 'MKSTREAM')
              end
              checked_stream = true
            end
            id = redis.call('XADD', KEYS[1], '*', 'report_id', ARGV[a], 'product', ARGV[a + 1], 'arrival_ms', now_ms, 'report', ARGV[a + 2])
            local size = string.len(ARGV[a + 2])
            length = length + 1
            bytes = bytes + size
            added_entries = added_entries + 1
            added_bytes = added_bytes + size
            status = 1
          end
          reply[#reply + 1] = status
          reply[#reply + 1] = id
        end
        if added_entries > 0 then
          redis.call('HINCRBY', KEYS[2], 'bytes', added_bytes)
          redis.call('HINCRBY', KEYS[2], 'appended_entries', added_entries)
          redis.call('HINCRBY', KEYS[2], 'appended_bytes', added_bytes)
        end
        reply[2] = length
        reply[3] = bytes
        reply[4] = appended_entries + added_entries
        reply[5] = appended_bytes + added_bytes
        return reply
        """;

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
        arguments[3] = RedisKeyspace.ConsumerGroup;
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
            var call = _redis.GetDatabase().ScriptEvaluateAsync(AppendScript, keys, arguments);
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
