using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;
using Telemetry.Upload.Internal;

namespace Telemetry.Upload;

/// <summary>Lists the dead-letter streams and replays dead letters into the main streams.</summary>
/// <remarks>
/// A replay moves the entry back with one Lua script (XADD to the shard stream, XDEL from the dead letters), so it
/// can neither lose nor duplicate the report even when two operators replay at once; sinks are idempotent on
/// report_id besides.
/// </remarks>
public sealed class DeadLetterStore
{
    private const int Page = 500;

    private readonly StreamCommands _commands;
    private readonly BufferKeyspace _keys;

    public DeadLetterStore(IConnectionMultiplexer redis, IOptions<UploadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _commands = new StreamCommands(redis);
        _keys = new BufferKeyspace(options.Value.KeyPrefix, options.Value.Shards);
    }

    /// <summary>Every dead letter of every shard, oldest first per shard (paged XRANGE).</summary>
    public async IAsyncEnumerable<DeadLetter> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var shard = 0; shard < _keys.Shards; shard++)
        {
            var start = "-";
            while (true)
            {
                var page = await _commands.RangeAsync(_keys.DeadLetters(shard), start, "+", Page, cancellationToken);
                foreach (var entry in page)
                {
                    yield return ToDeadLetter(shard, entry);
                }

                if (page.Count < Page)
                {
                    break;
                }

                start = "(" + page[^1].Id;
            }
        }
    }

    /// <summary>Replays one dead letter, named <c>&lt;shard&gt;/&lt;entry ID&gt;</c>; returns false when it does not exist.</summary>
    public async Task<bool> ReplayAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash < 1 || !int.TryParse(reference.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var shard) || shard >= _keys.Shards)
        {
            throw new ArgumentException($"'{reference}' is not a dead-letter reference (<shard>/<entry id>).", nameof(reference));
        }

        var result = await _commands.ScriptAsync(
            ReplayScript.Lua,
            [_keys.DeadLetters(shard), _keys.Stream(shard), _keys.Stats(shard), _keys.ReportIds(shard)],
            [reference[(slash + 1)..]],
            cancellationToken);
        return !result.IsNull;
    }

    /// <summary>Replays every dead letter; returns how many were moved back.</summary>
    public async Task<long> ReplayAllAsync(CancellationToken cancellationToken = default)
    {
        var references = new List<string>();
        await foreach (var letter in ListAsync(cancellationToken))
        {
            references.Add(letter.Reference);
        }

        long replayed = 0;
        foreach (var reference in references)
        {
            if (await ReplayAsync(reference, cancellationToken))
            {
                replayed++;
            }
        }

        return replayed;
    }

    internal static DeadLetter ToDeadLetter(int shard, BufferEntry entry)
    {
        static long Number(string? text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new DeadLetter(
            shard,
            entry.Id,
            entry.Text(BufferFields.ReportId) ?? string.Empty,
            entry.Text(BufferFields.Product) ?? string.Empty,
            entry.Text(BufferFields.Reason) ?? string.Empty,
            Number(entry.Text(BufferFields.Attempts)),
            DateTimeOffset.FromUnixTimeMilliseconds(Number(entry.Text(BufferFields.FirstSeen))),
            DateTimeOffset.FromUnixTimeMilliseconds(Number(entry.Text(BufferFields.Arrival))),
            entry.TryGet(BufferFields.Report, out var payload) ? payload : ReadOnlyMemory<byte>.Empty);
    }
}
