using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>Redis stops while a report stream is open: nothing unbuffered is acknowledged, nothing acknowledged is lost.</summary>
[TestFixture]
public sealed class RedisOutageTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["RateLimiting:Enabled"] = "false",
        ["Redis:OperationTimeout"] = "00:00:01",
    };

    [Test]
    [CancelAfter(60_000)]
    public async Task StreamReports_RedisStoppedMidStream_EndsUnavailableAndLosesNothingAcknowledged(CancellationToken cancellationToken)
    {
        // Arrange
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        await using var collector = await Collector.StartAsync(redis, "outage:", Settings, cancellationToken: cancellationToken);
        using var call = collector.Ingest.StreamReports(new CallOptions(cancellationToken: cancellationToken));
        var acknowledged = new List<string>();
        var before = Enumerable.Range(0, 100).Select(_ => Reports.Generic()).ToList();
        foreach (var report in before)
        {
            await call.RequestStream.WriteAsync(new StreamReportsRequest { Report = report }, cancellationToken);
        }

        while (acknowledged.Count < before.Count && await call.ResponseStream.MoveNext(cancellationToken))
        {
            acknowledged.Add(call.ResponseStream.Current.Result.ReportId);
        }

        // Act
        await redis.StopAsync();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                await call.RequestStream.WriteAsync(new StreamReportsRequest { Report = Reports.Generic() }, cancellationToken);
            }
        }
        catch (RpcException)
        {
            // The collector may end the call before every report is written; its status is read below.
        }

        RpcException? ended = null;
        try
        {
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                acknowledged.Add(call.ResponseStream.Current.Result.ReportId);
            }
        }
        catch (RpcException exception)
        {
            ended = exception;
        }

        await redis.StartAgainAsync(cancellationToken);
        var recovered = await IngestOnceRedisIsBackAsync(collector, cancellationToken);
        var buffered = await collector.BufferedReportIdsAsync(redis);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ended?.Status.StatusCode, Is.EqualTo(StatusCode.Unavailable));
            Assert.That(acknowledged, Is.SupersetOf(before.Select(r => r.ReportId)));
            Assert.That(buffered, Is.SupersetOf(acknowledged), "every acknowledged report is buffered");
            Assert.That(recovered, Is.EqualTo(ReportOutcome.Accepted));
        });
    }

    private static async Task<ReportOutcome> IngestOnceRedisIsBackAsync(Collector collector, CancellationToken cancellationToken)
    {
        var request = new IngestReportsRequest { Reports = { Reports.Generic() } };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await collector.Ingest.IngestReportsAsync(request, new CallOptions(cancellationToken: cancellationToken));
                return response.Results.Single().Outcome;
            }
            catch (RpcException exception) when (exception.Status.StatusCode == StatusCode.Unavailable && attempt < 100)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
