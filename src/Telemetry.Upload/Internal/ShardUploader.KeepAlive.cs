namespace Telemetry.Upload.Internal;

// Keeping held entries claimed while waiting, and counted redeliveries.
internal sealed partial class ShardUploader
{
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
}
