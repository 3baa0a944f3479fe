using System.Diagnostics;
using Telemetry.Buffer;

namespace Telemetry.Upload.Internal;

// Uploading a batch: screening, the sink call with its retries, and splitting a batch that fails.
internal sealed partial class ShardUploader
{
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
}
