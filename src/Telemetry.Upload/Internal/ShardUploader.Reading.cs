namespace Telemetry.Upload.Internal;

// Reading and claiming: new entries, own entries lost track of, and entries of stopped uploaders, into the batch in hand.
internal sealed partial class ShardUploader
{
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
}
