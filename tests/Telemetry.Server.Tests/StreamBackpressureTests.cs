using Grpc.Core;
using StackExchange.Redis;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// A stream whose reports cannot be buffered yet (Redis paused) stops being read, so HTTP/2 flow control stops the
/// sender; once Redis answers again every report is acknowledged.
/// </summary>
[TestFixture]
public sealed class StreamBackpressureTests
{
    private const int ReportCount = 5_000;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["RateLimiting:Enabled"] = "false",
        ["Ingest:MaxInFlightPerStream"] = "4",
        ["Redis:OperationTimeout"] = "00:00:20",
    };

    [Test]
    [CancelAfter(60_000)]
    public async Task StreamReports_RedisPaused_SenderStallsThenEveryReportIsAcknowledged(CancellationToken cancellationToken)
    {
        // Arrange: reports of about 2 KiB, so the 2 MiB stream window holds about a thousand of them.
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        await using var collector = await Collector.StartAsync(redis, "backpressure:", Settings, cancellationToken: cancellationToken);
        var reports = Enumerable.Range(0, ReportCount).Select(_ => Reports.Large()).ToList();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        // One report first, so the connection is open and the buffer's scripts are loaded before the pause.
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, cancellationToken: cancellationToken);
        await connection.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "4000", "WRITE");
        using var call = collector.Ingest.StreamReports(new CallOptions(cancellationToken: cancellationToken));
        var written = 0;

        // Act
        var writing = Task.Run(
            async () =>
            {
                foreach (var report in reports)
                {
                    await call.RequestStream.WriteAsync(new StreamReportsRequest { Report = report }, cancellationToken);
                    Interlocked.Increment(ref written);
                }

                await call.RequestStream.CompleteAsync();
            },
            cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        var writtenAfterOneAndAHalfSeconds = Volatile.Read(ref written);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var writtenAfterTwoAndAHalfSeconds = Volatile.Read(ref written);
        var acknowledged = new List<string>();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            acknowledged.Add(call.ResponseStream.Current.Result.ReportId);
        }

        await writing;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(writtenAfterOneAndAHalfSeconds, Is.LessThan(ReportCount / 2), "the sender is stopped by flow control");
            Assert.That(writtenAfterTwoAndAHalfSeconds, Is.EqualTo(writtenAfterOneAndAHalfSeconds), "nothing more is written while Redis is paused");
            Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.OK));
            Assert.That(acknowledged, Is.EquivalentTo(reports.Select(r => r.ReportId)));
        });
    }
}
