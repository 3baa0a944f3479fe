using System.Globalization;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;

namespace Telemetry.Upload.Internal;

// Acknowledging stored entries and dead-lettering those that cannot be stored.
internal sealed partial class ShardUploader
{
    private async Task AcknowledgeAsync(List<PendingEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var chunk in entries.Chunk(AcknowledgeScript.MaxEntries))
        {
            var ids = chunk.Select(e => e.Id).ToArray();
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
}
