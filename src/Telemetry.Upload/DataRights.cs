using System.Runtime.CompilerServices;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;
using Telemetry.Upload.Internal;
using Telemetry.V1;

namespace Telemetry.Upload;

/// <summary>
/// Data-rights requests for one installation (its instance key: <c>cluster_id</c> if set, else <c>instance_id</c>):
/// delete or export everything held for it, in the buffer, the dead letters and every sink.
/// </summary>
/// <remarks>
/// <para>Cost: the buffer keeps no index by installation, so both operations read every entry of every shard stream
/// and dead-letter stream (paged XRANGE of 1,000 entries, each report parsed): O(buffered reports), a few hundred
/// milliseconds per million small reports on Redis's side plus the parsing here. That is acceptable for rare
/// requests on a buffer that is normally drained within seconds; the sinks do their own work (an indexed DELETE in
/// PostgreSQL, a rewrite of every file in the file sink).</para>
/// <para>Order: the buffer first, then the sinks, so nothing deleted from a sink comes back from the buffer. A batch
/// an uploader read just before the deletion may still reach the sink afterwards (at most one batch per uploader
/// and shard); repeating the request removes it.</para>
/// </remarks>
public sealed class DataRights
{
    /// <summary>Location name of reports still in the buffer streams.</summary>
    public const string BufferLocation = "buffer";

    /// <summary>Location name of reports in the dead-letter streams.</summary>
    public const string DeadLetterLocation = "dead-letters";

    private const int Page = 1000;

    private readonly StreamCommands _commands;
    private readonly BufferKeyspace _keys;
    private readonly IReadOnlyList<IReportSink> _sinks;

    public DataRights(IConnectionMultiplexer redis, IEnumerable<IReportSink> sinks, IOptions<UploadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _commands = new StreamCommands(redis);
        _keys = new BufferKeyspace(options.Value.KeyPrefix, options.Value.Shards);
        _sinks = sinks.ToArray();
    }

    /// <summary>Deletes everything held for the installation; returns the count removed per location.</summary>
    public async Task<IReadOnlyList<DataLocationCount>> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceKey);
        long buffered = 0, deadLettered = 0;
        for (var shard = 0; shard < _keys.Shards; shard++)
        {
            buffered += await DeleteFromStreamAsync(shard, _keys.Stream(shard), instanceKey, countBytes: true, cancellationToken);
            deadLettered += await DeleteFromStreamAsync(shard, _keys.DeadLetters(shard), instanceKey, countBytes: false, cancellationToken);
        }

        var counts = new List<DataLocationCount>
        {
            new() { Location = BufferLocation, Reports = buffered },
            new() { Location = DeadLetterLocation, Reports = deadLettered },
        };
        foreach (var sink in _sinks)
        {
            counts.Add(new DataLocationCount { Location = sink.Name, Reports = await sink.DeleteInstanceAsync(instanceKey, cancellationToken) });
        }

        return counts;
    }

    /// <summary>Streams every report held for the installation: buffer, dead letters, then each sink.</summary>
    public async IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceKey);
        for (var shard = 0; shard < _keys.Shards; shard++)
        {
            await foreach (var (_, report, arrival) in ScanAsync(_keys.Stream(shard), instanceKey, cancellationToken))
            {
                yield return new StoredReport(report, arrival, BufferLocation);
            }

            await foreach (var (_, report, arrival) in ScanAsync(_keys.DeadLetters(shard), instanceKey, cancellationToken))
            {
                yield return new StoredReport(report, arrival, DeadLetterLocation);
            }
        }

        foreach (var sink in _sinks)
        {
            await foreach (var stored in sink.ExportInstanceAsync(instanceKey, cancellationToken))
            {
                yield return stored;
            }
        }
    }

    private async Task<long> DeleteFromStreamAsync(int shard, RedisKey stream, string instanceKey, bool countBytes, CancellationToken cancellationToken)
    {
        var matches = new List<(string Id, string ReportId, long Size)>();
        await foreach (var (entry, report, _) in ScanAsync(stream, instanceKey, cancellationToken))
        {
            matches.Add((entry.Id, report.ReportId, countBytes && entry.TryGet(BufferFields.Report, out var payload) ? payload.Length : 0));
        }

        long deleted = 0;
        var keys = AcknowledgeScript.Keys(_keys, shard);
        keys[0] = stream;
        foreach (var chunk in matches.Chunk(AcknowledgeScript.MaxEntries))
        {
            // XACK (the entry may be pending), XDEL (no trim bound: the entries may be anywhere in the stream), the
            // report_ids and the byte counter in one step. On a dead-letter stream XACK is a no-op and the sizes are zero.
            var arguments = AcknowledgeScript.Arguments([.. chunk.Select(m => m.Id)], chunk.Sum(m => m.Size), trimBound: string.Empty, [.. chunk.Select(m => m.ReportId)]);
            deleted += (long)await _commands.ScriptAsync(AcknowledgeScript.Lua, keys, arguments, cancellationToken);
        }

        return deleted;
    }

    private async IAsyncEnumerable<(BufferEntry Entry, UsageReport Report, DateTimeOffset Arrival)> ScanAsync(
        RedisKey stream, string instanceKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = "-";
        while (true)
        {
            var page = await _commands.RangeAsync(stream, start, "+", Page, cancellationToken);
            foreach (var entry in page)
            {
                if (!entry.TryGet(BufferFields.Report, out var payload))
                {
                    continue;
                }

                UsageReport report;
                try
                {
                    report = UsageReport.Parser.ParseFrom(payload.Span);
                }
                catch (InvalidProtocolBufferException)
                {
                    continue;
                }

                if (InstanceKeys.Of(report) == instanceKey)
                {
                    var arrival = long.TryParse(entry.Text(BufferFields.Arrival), out var ms) ? ms : entry.IdMilliseconds;
                    yield return (entry, report, DateTimeOffset.FromUnixTimeMilliseconds(arrival));
                }
            }

            if (page.Count < Page)
            {
                yield break;
            }

            start = "(" + page[^1].Id;
        }
    }
}
