using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telemetry.Buffer;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.RateLimiting;
using Telemetry.Upload.Sinks;
using Telemetry.Upload.Tests.Infrastructure;

namespace Telemetry.Upload.Tests;

/// <summary>The uploader behind the real ingestion buffer (<see cref="RedisReportBuffer"/>), not a stand-in.</summary>
[TestFixture]
public sealed class IngestionBufferTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Run_ReportsAppendedByTheIngestionBuffer_StoredOnceAndBufferCountersReturnToZero(CancellationToken cancellationToken)
    {
        // Arrange: reports appended by the real buffer, some of them twice (the buffer answers DUPLICATE).
        var (_, redis) = await Servers.RedisAsync();
        var prefix = Servers.KeyPrefix();
        var buffer = new RedisReportBuffer(
            redis,
            new BufferKeyspace(prefix, 4),
            Options.Create(new BufferOptions()),
            Options.Create(new RedisOptions { KeyPrefix = prefix }),
            Options.Create(new RateLimitOptions()),
            new RedisMemoryWatcher(redis, Options.Create(new BufferOptions()), TimeProvider.System, NullLogger<RedisMemoryWatcher>.Instance),
            NullLogger<RedisReportBuffer>.Instance);
        var reports = Enumerable.Range(0, 300).Select(_ => TestReports.Create()).ToList();
        foreach (var report in reports.Concat(reports.Take(30)))
        {
            var result = (await buffer.AppendAsync([new AppendRequest(report.ToByteArray(), report.ReportId, "mimir", InstanceKeys.Of(report))]))[0];
            Assert.That(result.Status, Is.AnyOf(AppendStatus.Accepted, AppendStatus.Duplicate));
        }

        var directory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        var options = UploaderRun.TestOptions(prefix, o => o.Files.Directory = directory);
        await using var sink = new FileReportSink(Options.Create(options));
        var streams = new TestBuffer(redis, new BufferKeyspace(prefix, 4));

        // Act
        await using (UploaderRun.Start(redis, sink, options))
        {
            await Eventually.UntilAsync(async () => await streams.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the buffer is drained", cancellationToken);
        }

        // Assert
        var stored = await Stored.FileReportIdsAsync(sink);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
            Assert.That(await streams.CountedBytesAsync(), Is.Zero, "the buffer's byte counter is given back");
        });
        Directory.Delete(directory, recursive: true);
    }
}
