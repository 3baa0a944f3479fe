using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Buffer.Scripts;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Tests.Infrastructure;

namespace Telemetry.Ingestion.Tests.Buffering;

/// <summary>
/// The report-ids generations against a real Redis: a report_id is remembered while its entry is buffered, across a
/// generation change, and its generation is dropped whole once the uploader's acknowledgements have left it behind.
/// </summary>
[TestFixture]
public sealed class ReportIdGenerationTests
{
    // Buffer:MaxEntriesPerShard at or below 16 × 4,096 gives the smallest generation size.
    private const int GenerationSize = 4096;

    [Test]
    [CancelAfter(30_000)]
    public async Task AppendAsync_GenerationFullAndUploaded_BufferedRetriesDuplicateAndUploadedGenerationDropped(CancellationToken cancellationToken)
    {
        // Arrange: one shard; a full generation plus ten reports in the next.
        using var services = IngestionServices.Create(SharedRedis.Server, new Dictionary<string, string?>
        {
            ["Buffer:Shards"] = "1",
            ["Buffer:MaxEntriesPerShard"] = "10000",
            ["RateLimiting:Enabled"] = "false",
        });
        var buffer = services.Get<IReportBuffer>();
        var keys = services.Get<BufferKeyspace>();
        var database = services.Redis.GetDatabase();
        Assert.That(ReportIdGenerations.GenerationSize(10_000), Is.EqualTo(GenerationSize));
        var reportIds = Enumerable.Range(0, GenerationSize + 10).Select(_ => Guid.NewGuid().ToString()).ToList();
        var appended = await AppendAsync(buffer, reportIds);
        var entryIds = appended.Select(r => r.EntryId!).ToList();

        // Act: retries while everything is buffered; then the first generation's entries are uploaded; then the rest.
        var retriesBuffered = await AppendAsync(buffer, [reportIds[0], reportIds[GenerationSize - 1], reportIds[^1]]);
        await database.StreamReadGroupAsync(keys.Stream(0), BufferKeyspace.ConsumerGroup, "uploader", StreamPosition.NewMessages, reportIds.Count);
        await AcknowledgeAsync(database, keys, entryIds[..GenerationSize]);
        var generationsAfterFirst = (await database.KeyExistsAsync(keys.ReportIds(0)), await database.HashLengthAsync((string)keys.ReportIds(0)! + ":1"));
        var retriesAfterFirst = await AppendAsync(buffer, [reportIds[1], reportIds[^2]]);
        var retried = (await database.StreamReadGroupAsync(keys.Stream(0), BufferKeyspace.ConsumerGroup, "uploader", StreamPosition.NewMessages, 10)).Select(e => (string)e.Id!);
        await AcknowledgeAsync(database, keys, [.. entryIds[GenerationSize..], .. retried]);
        var keysLeft = await database.ScriptEvaluateAsync("return redis.call('KEYS', ARGV[1])", values: [keys.Prefix + "*"]);

        // Assert: a buffered report is a duplicate in either generation; once the first generation's entries are gone
        // it is dropped (a retry of one of them is appended again, and the sinks store it once) while the second,
        // whose entries are still buffered, answers duplicates; once the stream is empty no report_id is left.
        Assert.Multiple(() =>
        {
            Assert.That(appended.Select(r => r.Status), Is.All.EqualTo(AppendStatus.Accepted));
            Assert.That(retriesBuffered.Select(r => r.Status), Is.All.EqualTo(AppendStatus.Duplicate));
            Assert.That(generationsAfterFirst, Is.EqualTo((false, 10L)));
            Assert.That(retriesAfterFirst.Select(r => r.Status), Is.EqualTo(new[] { AppendStatus.Accepted, AppendStatus.Duplicate }));
            Assert.That(((RedisResult[])keysLeft!).Select(k => (string?)k), Is.EquivalentTo(new[] { (string?)keys.Stream(0), (string?)keys.Stats(0) }));
        });
    }

    private static async Task<List<AppendResult>> AppendAsync(IReportBuffer buffer, IReadOnlyList<string> reportIds)
    {
        var results = new List<AppendResult>();
        foreach (var chunk in reportIds.Chunk(500))
        {
            results.AddRange(await buffer.AppendAsync([.. chunk.Select(id => new AppendRequest(new byte[1], id, "mimir", "instance"))]));
        }

        return results;
    }

    private static async Task AcknowledgeAsync(IDatabase database, BufferKeyspace keys, IReadOnlyList<string> entryIds)
    {
        var highest = entryIds.Max(Comparer<string>.Create(StreamIds.Compare))!;
        await database.ScriptEvaluateAsync(AcknowledgeScript.Lua, AcknowledgeScript.Keys(keys, 0), AcknowledgeScript.Arguments(entryIds, entryIds.Count, StreamIds.Next(highest)));
    }
}
