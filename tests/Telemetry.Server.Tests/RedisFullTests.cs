using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// A Redis that reaches its <c>maxmemory</c> (policy noeviction): ingestion answers OVERLOADED with a retry delay,
/// never an error, and accepts reports again once an uploader has drained the buffer.
/// </summary>
[TestFixture]
public sealed class RedisFullTests
{
    private const int MaxBatches = 400;

    [Test]
    [CancelAfter(120_000)]
    public async Task IngestReports_RedisAtMaxMemory_OverloadedWithRetryDelayThenAcceptedAfterDrain(CancellationToken cancellationToken)
    {
        // Arrange: a 4 MiB Redis and reports of about 2 KiB from new installations (each rate limited on its own).
        await using var redis = await RedisServer.StartAsync(["--maxmemory", "4mb", "--maxmemory-policy", "noeviction"], cancellationToken);
        await using var ingestOnly = await Collector.StartAsync(redis, "full:", cancellationToken: cancellationToken);
        var outcomes = new List<ReportOutcome>();
        var overloadedDelays = new List<TimeSpan>();
        var otherErrors = new List<StatusCode>();

        // Act: fill the buffer until Redis refuses.
        for (var batch = 0; batch < MaxBatches && overloadedDelays.Count == 0; batch++)
        {
            var request = new IngestReportsRequest { Reports = { Enumerable.Range(0, 20).Select(_ => Reports.Large()) } };
            try
            {
                var response = await ingestOnly.Ingest.IngestReportsAsync(request, cancellationToken: cancellationToken);
                outcomes.AddRange(response.Results.Select(r => r.Outcome));
                overloadedDelays.AddRange(response.Results.Where(r => r.Outcome == ReportOutcome.Overloaded).Select(r => r.RetryDelay.ToTimeSpan()));
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.ResourceExhausted)
            {
                overloadedDelays.Add(TimeSpan.FromMilliseconds(long.Parse(exception.Trailers.GetValue("grpc-retry-pushback-ms")!, System.Globalization.CultureInfo.InvariantCulture)));
            }
            catch (RpcException exception)
            {
                otherErrors.Add(exception.StatusCode);
            }
        }

        // An uploader drains the buffer to files; then a new report is accepted again.
        await using var uploading = await Collector.StartAsync(redis, "full:", new Dictionary<string, string?> { ["Upload:RunInCollector"] = "true" }, cancellationToken: cancellationToken);
        var acceptedAfterDrain = await IngestUntilAcceptedAsync(ingestOnly, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Does.Contain(ReportOutcome.Accepted));
            Assert.That(overloadedDelays, Is.Not.Empty, "Redis filled up and ingestion said so");
            Assert.That(overloadedDelays, Has.All.GreaterThan(TimeSpan.Zero));
            Assert.That(otherErrors, Is.Empty, "no call failed with anything but RESOURCE_EXHAUSTED");
            Assert.That(acceptedAfterDrain, Is.True);
        });
    }

    private static async Task<bool> IngestUntilAcceptedAsync(Collector collector, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                var response = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, cancellationToken: cancellationToken);
                if (response.Results.Single().Outcome == ReportOutcome.Accepted)
                {
                    return true;
                }
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.ResourceExhausted)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }
}
