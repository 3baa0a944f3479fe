using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;

namespace Telemetry.Upload.Internal;

/// <summary>
/// Drains one buffer shard: claims entries of stopped uploaders, reads new ones without blocking, forms batches by
/// count, bytes and age, uploads them with retries, and acknowledges and deletes them only once the sink confirms.
/// </summary>
internal sealed class ShardUploader
{
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(5);

    private readonly int _shard;
    private readonly RedisKey _stream;
    private readonly RedisKey _stats;
    private readonly RedisKey _deadLetters;
    private readonly RedisKey _reportIds;
    private readonly BufferKeyspace _keys;
    private readonly StreamCommands _commands;
    private readonly IReportSink _sink;
    private readonly UploadOptions _options;
    private readonly UploadRateLimiter _limiter;
    private readonly UploadMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _consumer;
    private readonly TimeSpan _keepAliveInterval;
    private readonly TimeSpan _claimInterval;
    private readonly TimeSpan _orphanInterval;

    private readonly List<PendingEntry> _batch = [];
    private readonly Queue<PendingEntry> _carry = new();
    private long _batchBytes;
    private long _batchStarted;
    private string _claimCursor = "0-0";
    private long _nextClaim;
    private long _nextOrphanScan;

    public ShardUploader(int shard, BufferKeyspace keys, StreamCommands commands, IReportSink sink,
        UploadOptions options, UploadRateLimiter limiter, UploadMetrics metrics, ILogger logger, TimeProvider time, string consumer)
    {
        _shard = shard;
        _stream = keys.Stream(shard);
        _stats = keys.Stats(shard);
        _deadLetters = keys.DeadLetters(shard);
        _reportIds = keys.ReportIds(shard);
        _keys = keys;
        _commands = commands;
        _sink = sink;
        _options = options;
        _limiter = limiter;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _consumer = consumer;
        _keepAliveInterval = options.ClaimIdleTime / 3;
        _claimInterval = Clamp(options.ClaimIdleTime / 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(15));
        _orphanInterval = options.LeaseTime / 3;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Reads and uploads run on their own token, cancelled only ShutdownTimeout after the stop: cancelling a read
        // or an upload midway would drop entries Redis has already delivered to this consumer, leaving them pending
        // until claimed, where a graceful stop promises to upload and acknowledge the batches in hand.
        using var work = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var stopping = stoppingToken.Register(() => work.CancelAfter(_options.ShutdownTimeout));
        var poll = MinPollInterval;
        var failures = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        var groupReady = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await _commands.EnsureGroupAsync(_stream, stoppingToken);
                    groupReady = true;
                }

                var received = await FillAsync(work.Token);
                failures.Reset();
                if (ShouldFlush())
                {
                    await FlushAsync(work.Token);
                    poll = MinPollInterval;
                    continue;
                }

                if (received > 0)
                {
                    poll = MinPollInterval;
                    continue;
                }

                // Idle: back off (5 ms doubling up to MaxPollInterval) but never past the age deadline of the batch in hand.
                var wait = poll;
                if (_batch.Count > 0)
                {
                    var left = _options.BatchMaxAge - _time.GetElapsedTime(_batchStarted);
                    wait = Clamp(left, TimeSpan.FromMilliseconds(1), wait);
                }

                await Task.Delay(wait, _time, stoppingToken);
                poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, _options.MaxPollInterval.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (StreamCommands.IsNoGroup(exception))
            {
                // The group vanished (Redis restarted without its data, or the key was deleted): recreate it from the
                // stream's start; entries delivered twice are absorbed by the sinks' idempotency.
                UploadLog.GroupRecreated(_logger, (string)_stream!);
                groupReady = false;
                _claimCursor = "0-0";
            }
            catch (Exception exception) when (StreamCommands.IsTransient(exception))
            {
                var delay = failures.Next();
                UploadLog.RedisUnavailable(_logger, exception, _shard, delay);
                await DelayQuietlyAsync(delay, stoppingToken);
            }
            catch (Exception exception)
            {
                var delay = failures.Next();
                UploadLog.UnexpectedError(_logger, exception, _shard, delay);
                await DelayQuietlyAsync(delay, stoppingToken);
            }
        }

        await FlushOnShutdownAsync(work.Token);
    }

    // Graceful shutdown: upload and acknowledge what is in hand within the deadline; whatever is left stays pending
    // in Redis for another uploader to claim.
    private async Task FlushOnShutdownAsync(CancellationToken deadline)
    {
        await ReadOnShutdownAsync(deadline);
        if (_batch.Count + _carry.Count == 0)
        {
            return;
        }

        try
        {
            while (_batch.Count + _carry.Count > 0)
            {
                await FlushAsync(deadline);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException || StreamCommands.IsTransient(exception))
        {
            UploadLog.ShutdownFlushAbandoned(_logger, _batch.Count + _carry.Count, _shard);
        }
    }

    // The host stops its servers before the uploader, so the reports still unread were acknowledged to their senders
    // before the stop: one more read (up to a batch) stores them now rather than at the next start, which is what
    // a single collector's user expects. Failing that, they stay in the stream for the next uploader.
    private async Task ReadOnShutdownAsync(CancellationToken cancellationToken)
    {
        var room = _options.BatchMaxReports - _batch.Count;
        if (room <= 0 || _carry.Count > 0)
        {
            return;
        }

        try
        {
            foreach (var entry in await _commands.ReadGroupAsync(_stream, _consumer, room, cancellationToken))
            {
                Add(PendingEntry.From(entry, _shard, deliveries: 1));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException
            || StreamCommands.IsTransient(exception) || StreamCommands.IsNoGroup(exception))
        {
            UploadLog.ShutdownReadSkipped(_logger, _shard);
        }
    }

    private bool ShouldFlush() =>
        _batch.Count > 0
        && (_batch.Count >= _options.BatchMaxReports
            || _batchBytes >= _options.BatchMaxBytes
            || _carry.Count > 0
            || _time.GetElapsedTime(_batchStarted) >= _options.BatchMaxAge);

    private async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        var received = 0;
        var room = _options.BatchMaxReports - _batch.Count;
        if (room > 0 && _time.GetTimestamp() >= _nextOrphanScan)
        {
            received += await ClaimStrandedAsync(room, cancellationToken);
            room = _options.BatchMaxReports - _batch.Count;
        }

        if (room > 0 && _time.GetTimestamp() >= _nextClaim)
        {
            var (cursor, entries) = await _commands.AutoClaimAsync(_stream, _consumer, _options.ClaimIdleTime, _claimCursor, room, cancellationToken);
            _claimCursor = cursor;
            if (cursor == "0-0")
            {
                _nextClaim = _time.GetTimestamp() + (long)(_claimInterval.TotalSeconds * _time.TimestampFrequency);
            }

            if (entries.Count > 0)
            {
                UploadLog.EntriesClaimed(_logger, entries.Count, _shard);
                _metrics.Claimed(entries.Count);
                foreach (var entry in entries)
                {
                    Add(PendingEntry.From(entry, _shard, deliveries: 0));
                }

                received += entries.Count;
                room = _options.BatchMaxReports - _batch.Count;
            }
        }

        if (room > 0 && _carry.Count == 0)
        {
            var entries = await _commands.ReadGroupAsync(_stream, _consumer, room, cancellationToken);
            foreach (var entry in entries)
            {
                Add(PendingEntry.From(entry, _shard, deliveries: 1));
            }

            received += entries.Count;
        }

        return received;
    }

    /// <summary>
    /// Takes back the entries pending for this consumer that are not in hand: a batch dropped by an upload that failed
    /// on a Redis error, or entries Redis delivered while the reply was lost (a cut connection, a Redis restart from
    /// its append-only file). Left alone they would wait the claim idle time, since this uploader's lease is live.
    /// </summary>
    private async Task<int> RecoverOwnAsync(int room, CancellationToken cancellationToken)
    {
        var inHand = _batch.Concat(_carry).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var entries = await _commands.ReadOwnPendingAsync(_stream, _consumer, inHand.Count + room, cancellationToken);
        var recovered = 0;
        foreach (var entry in entries.Where(e => !inHand.Contains(e.Id)).Take(room))
        {
            Add(PendingEntry.From(entry, _shard, deliveries: 0));
            recovered++;
        }

        if (recovered > 0)
        {
            UploadLog.OwnEntriesRecovered(_logger, recovered, _shard);
        }

        return recovered;
    }

    /// <summary>
    /// Every third of a lease: takes back this consumer's own entries it lost track of, and claims the pending entries
    /// of uploaders whose lease has expired (killed or crashed) once idle a lease long, so a crash or a Redis restart
    /// delays reports by seconds rather than by the claim idle time.
    /// </summary>
    private async Task<int> ClaimStrandedAsync(int room, CancellationToken cancellationToken)
    {
        _nextOrphanScan = _time.GetTimestamp() + (long)(_orphanInterval.TotalSeconds * _time.TimestampFrequency);
        var received = 0;
        foreach (var (owner, pending) in await _commands.HoldingConsumersAsync(_stream, cancellationToken))
        {
            if (room - received <= 0)
            {
                break;
            }

            if (owner == _consumer)
            {
                if (pending > _batch.Count + _carry.Count)
                {
                    received += await RecoverOwnAsync(room - received, cancellationToken);
                }

                continue;
            }

            if (await _commands.LeaseHeldAsync(_keys.UploaderLease(owner), cancellationToken))
            {
                continue;
            }

            var entries = await _commands.ClaimFromAsync(_stream, owner, _consumer, _options.LeaseTime, room - received, cancellationToken);
            if (entries.Count == 0)
            {
                continue;
            }

            UploadLog.OrphansClaimed(_logger, entries.Count, _shard, owner);
            _metrics.Claimed(entries.Count);
            foreach (var entry in entries)
            {
                Add(PendingEntry.From(entry, _shard, deliveries: 0));
            }

            received += entries.Count;
        }

        return received;
    }

    private void Add(PendingEntry entry)
    {
        if (_batch.Count > 0 && (_carry.Count > 0 || _batchBytes + entry.Size > _options.BatchMaxBytes))
        {
            _carry.Enqueue(entry);
            return;
        }

        if (_batch.Count == 0)
        {
            _batchStarted = _time.GetTimestamp();
        }

        _batch.Add(entry);
        _batchBytes += entry.Size;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var work = new List<PendingEntry>(_batch);
        _batch.Clear();
        _batchBytes = 0;
        var carried = _carry.Count;
        for (var i = 0; i < carried; i++)
        {
            Add(_carry.Dequeue());
        }

        var parts = new Stack<List<PendingEntry>>();
        parts.Push(work);
        while (parts.Count > 0)
        {
            await UploadAsync(parts.Pop(), parts, cancellationToken);
        }
    }

    private async Task UploadAsync(List<PendingEntry> part, Stack<List<PendingEntry>> parts, CancellationToken cancellationToken)
    {
        var remaining = await ScreenAsync(part, cancellationToken);
        if (remaining.Count == 0)
        {
            return;
        }

        await AcquireRateAsync(remaining, cancellationToken);
        var backoff = new Backoff(_options.RetryInitialDelay, _options.RetryMaxDelay);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reports = remaining.Select(e => e.Report!).ToArray();
            var started = Stopwatch.GetTimestamp();
            using var activity = UploadTracing.StartBatch(_shard, _sink.Name, reports.Length);
            try
            {
                await _sink.WriteAsync(reports, cancellationToken);
                _metrics.BatchUploaded(_sink.Name, reports.Length, remaining.Sum(e => e.Size), Stopwatch.GetElapsedTime(started));
                await AcknowledgeAsync(remaining, cancellationToken);
                return;
            }
            catch (SinkThrottledException exception)
            {
                _metrics.UploadFailed(_sink.Name, "throttled");
                UploadLog.SinkThrottled(_logger, _sink.Name, exception.RetryAfter);
                await WaitKeepingAliveAsync(exception.RetryAfter, remaining, cancellationToken);
            }
            catch (SinkUnavailableException exception)
            {
                _metrics.UploadFailed(_sink.Name, "unavailable");
                var delay = backoff.Next();
                UploadLog.SinkUnavailable(_logger, exception, _sink.Name, remaining.Count, _shard, delay);
                await WaitKeepingAliveAsync(delay, remaining, cancellationToken);
            }
            catch (ReportsRejectedException exception)
            {
                _metrics.UploadFailed(_sink.Name, "rejected");
                // A batch may hold the same report_id twice (a client retry after an upload of it): one verdict per report_id.
                var rejected = exception.Rejections.DistinctBy(r => r.ReportId, StringComparer.Ordinal).ToDictionary(r => r.ReportId, StringComparer.Ordinal);
                var stored = remaining.Where(e => !rejected.ContainsKey(e.ReportId)).ToList();
                if (stored.Count > 0)
                {
                    _metrics.BatchUploaded(_sink.Name, stored.Count, stored.Sum(e => e.Size), Stopwatch.GetElapsedTime(started));
                    await AcknowledgeAsync(stored, cancellationToken);
                }

                var retry = new List<PendingEntry>();
                foreach (var entry in remaining.Where(e => rejected.ContainsKey(e.ReportId)))
                {
                    var rejection = rejected[entry.ReportId];
                    if (rejection.Permanent || (exception.RetryAfter is null && entry.Deliveries >= _options.MaxDeliveries))
                    {
                        await DeadLetterAsync(entry, rejection.Reason, cancellationToken);
                    }
                    else
                    {
                        retry.Add(entry);
                    }
                }

                if (retry.Count == 0)
                {
                    return;
                }

                if (exception.RetryAfter is { } retryAfter)
                {
                    // Throttled reports: the sink asked for them later; not a failed delivery.
                    await WaitKeepingAliveAsync(retryAfter, retry, cancellationToken);
                    remaining = retry;
                    _metrics.Retried(_sink.Name);
                    continue;
                }

                await WaitKeepingAliveAsync(backoff.Next(), retry, cancellationToken);
                remaining = await RedeliverAsync(retry, cancellationToken);
                if (remaining.Count == 0)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _metrics.UploadFailed(_sink.Name, "error");
                var delay = backoff.Next();
                UploadLog.UploadFailed(_logger, exception, _sink.Name, remaining.Count, _shard, delay);
                if (remaining.Count > 1)
                {
                    // Isolate the report that fails the batch: retry the halves separately, without counting a
                    // delivery against the innocent ones; only a report failing alone uses up its deliveries.
                    await WaitKeepingAliveAsync(delay, remaining, cancellationToken);
                    var half = remaining.Count / 2;
                    parts.Push(remaining.GetRange(half, remaining.Count - half));
                    parts.Push(remaining.GetRange(0, half));
                    return;
                }

                var entry = remaining[0];
                if (entry.Deliveries >= _options.MaxDeliveries)
                {
                    await DeadLetterAsync(entry, $"{exception.GetType().Name}: {exception.Message}", cancellationToken);
                    return;
                }

                await WaitKeepingAliveAsync(delay, remaining, cancellationToken);
                remaining = await RedeliverAsync(remaining, cancellationToken);
                if (remaining.Count == 0)
                {
                    return;
                }
            }

            _metrics.Retried(_sink.Name);
        }
    }

    /// <summary>
    /// Settles what cannot be uploaded before trying: malformed entries and entries past the delivery limit go to the
    /// dead letters, and entries claimed from another consumer get their delivery counts from XPENDING.
    /// </summary>
    private async Task<List<PendingEntry>> ScreenAsync(List<PendingEntry> part, CancellationToken cancellationToken)
    {
        var unknown = part.Where(e => e.Deliveries == 0).ToList();
        if (unknown.Count > 0)
        {
            var order = Comparer<string>.Create(StreamIds.Compare);
            var min = unknown.Select(e => e.Id).Min(order)!;
            var max = unknown.Select(e => e.Id).Max(order)!;
            var counts = await _commands.DeliveryCountsAsync(_stream, _consumer, min, max, part.Count + 64, cancellationToken);
            foreach (var entry in unknown)
            {
                entry.Deliveries = counts.TryGetValue(entry.Id, out var count) ? count : 1;
            }
        }

        var remaining = new List<PendingEntry>(part.Count);
        foreach (var entry in part)
        {
            if (entry.MalformedReason is { } reason)
            {
                await DeadLetterAsync(entry, reason, cancellationToken);
            }
            else if (entry.Deliveries > _options.MaxDeliveries)
            {
                await DeadLetterAsync(entry, $"delivered {entry.Deliveries - 1} times without being stored (the uploaders holding it stopped or failed)", cancellationToken);
            }
            else
            {
                remaining.Add(entry);
            }
        }

        return remaining;
    }

    private async Task AcquireRateAsync(List<PendingEntry> entries, CancellationToken cancellationToken)
    {
        if (!_limiter.Enabled)
        {
            return;
        }

        var bytes = entries.Sum(e => e.Size);
        while (true)
        {
            var wait = await _limiter.TryAcquireAsync(bytes, cancellationToken);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await WaitKeepingAliveAsync(wait, entries, cancellationToken);
        }
    }

    /// <summary>
    /// Waits, resetting the idle time of the held entries every third of the claim idle time (XCLAIM JUSTID, which
    /// leaves the delivery count alone), so a long retry is not mistaken for a crash and claimed by another uploader.
    /// </summary>
    private async Task WaitKeepingAliveAsync(TimeSpan delay, List<PendingEntry> entries, CancellationToken cancellationToken)
    {
        var until = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            var left = TimeSpan.FromSeconds((until - _time.GetTimestamp()) / (double)_time.TimestampFrequency);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < _keepAliveInterval ? left : _keepAliveInterval, _time, cancellationToken);
            if (left > _keepAliveInterval)
            {
                try
                {
                    await _commands.ClaimAsync(_stream, _consumer, entries.Select(e => e.Id).ToArray(), justId: true, cancellationToken);
                }
                catch (Exception exception) when (StreamCommands.IsTransient(exception))
                {
                    // Redis is away too; the entries stay pending either way.
                }
            }
        }
    }

    /// <summary>Claims the entries again as a counted redelivery; drops those no longer pending (deleted meanwhile).</summary>
    private async Task<List<PendingEntry>> RedeliverAsync(List<PendingEntry> entries, CancellationToken cancellationToken)
    {
        var still = await RetryRedisAsync(() => _commands.ClaimAsync(_stream, _consumer, entries.Select(e => e.Id).ToArray(), justId: false, cancellationToken), cancellationToken);
        var pending = still.ToHashSet(StringComparer.Ordinal);
        var result = new List<PendingEntry>(entries.Count);
        foreach (var entry in entries.Where(e => pending.Contains(e.Id)))
        {
            entry.Deliveries++;
            result.Add(entry);
        }

        return result;
    }

    private async Task AcknowledgeAsync(List<PendingEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var chunk in entries.Chunk(AcknowledgeScript.MaxEntries))
        {
            var ids = chunk.Select(e => (e.Id, e.ReportId)).ToArray();
            var bytes = chunk.Sum(e => e.Size);
            await RetryRedisAsync(() => _commands.AcknowledgeAsync(_keys, _shard, ids, bytes, cancellationToken), cancellationToken);
        }
    }

    private async Task DeadLetterAsync(PendingEntry entry, string reason, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(entry.Deliveries, 1);
        var values = new RedisValue[]
        {
            BufferKeyspace.ConsumerGroup,
            entry.Id,
            entry.Size,
            entry.ReportId,
            entry.Raw.Text(BufferFields.Product) ?? string.Empty,
            entry.Raw.Text(BufferFields.Arrival) ?? entry.Raw.IdMilliseconds.ToString(CultureInfo.InvariantCulture),
            entry.Payload,
            reason,
            attempts,
            entry.Raw.IdMilliseconds,
        };
        var moved = await RetryRedisAsync(() => _commands.ScriptAsync(DeadLetterScript.Lua, [_stream, _deadLetters, _stats, _reportIds], values, cancellationToken), cancellationToken);
        if ((long)moved == 1)
        {
            _metrics.DeadLettered(_sink.Name, 1);
            UploadLog.DeadLettered(_logger, entry.ReportId, entry.Id, _shard, attempts, reason);
        }
    }

    // Once the sink has stored a batch, its acknowledgement must not be given up for a Redis hiccup: retry it (a
    // re-upload after a crash here would be absorbed by the sink's idempotency anyway).
    private async Task<T> RetryRedisAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (StreamCommands.IsTransient(exception) && !StreamCommands.IsNoGroup(exception))
            {
                var delay = backoff.Next();
                UploadLog.RedisUnavailable(_logger, exception, _shard, delay);
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
