using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>Per-instance rate limits over the wire, shared through Redis by every replica of the collector.</summary>
[TestFixture]
public sealed class RateLimitTests
{
    private static readonly Dictionary<string, string?> BurstOfThree = new()
    {
        ["RateLimiting:Default:ReportsPerHour"] = "1",
        ["RateLimiting:Default:Burst"] = "3",
    };

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_BurstFromOneInstance_IsLimitedWhileAnotherInstancePasses(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), BurstOfThree, cancellationToken: cancellationToken);
        var noisy = Guid.NewGuid().ToString();
        var request = new IngestReportsRequest { Reports = { Enumerable.Range(0, 5).Select(_ => Reports.Generic(noisy)) } };
        request.Reports.Add(Reports.Generic());

        // Act
        using var call = collector.Ingest.IngestReportsAsync(request, new CallOptions(cancellationToken: cancellationToken));
        var response = await call.ResponseAsync;

        // Assert
        var outcomes = response.Results.Select(r => r.Outcome).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Take(5).Count(o => o == ReportOutcome.Accepted), Is.EqualTo(3));
            Assert.That(outcomes.Take(5).Count(o => o == ReportOutcome.RateLimited), Is.EqualTo(2));
            Assert.That(outcomes[5], Is.EqualTo(ReportOutcome.Accepted), "another instance");
            Assert.That(response.Results.Where(r => r.Outcome == ReportOutcome.RateLimited).Select(r => r.RetryDelay.ToTimeSpan()),
                Has.All.GreaterThan(TimeSpan.FromMinutes(50)).And.All.LessThanOrEqualTo(TimeSpan.FromHours(1)));
            Assert.That(call.GetTrailers().GetValue("grpc-retry-pushback-ms"), Is.Not.Null);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_EveryReportLimited_ReturnsResourceExhaustedWithPushback(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), BurstOfThree, cancellationToken: cancellationToken);
        var instance = Guid.NewGuid().ToString();
        var options = new CallOptions(cancellationToken: cancellationToken);
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Enumerable.Range(0, 3).Select(_ => Reports.Generic(instance)) } }, options);

        // Act
        var exception = Assert.ThrowsAsync<RpcException>(() => collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic(instance) } }, options).ResponseAsync);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(exception!.Status.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
            Assert.That(long.Parse(exception.Trailers.GetValue("grpc-retry-pushback-ms")!, System.Globalization.CultureInfo.InvariantCulture),
                Is.GreaterThan(50 * 60 * 1000));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_TwoCollectorsOnOneRedis_ShareOneLimit(CancellationToken cancellationToken)
    {
        // Arrange
        var prefix = Collector.KeyPrefixForCurrentTest();
        await using var first = await Collector.StartAsync(SharedRedis.Server, prefix, BurstOfThree, cancellationToken: cancellationToken);
        await using var second = await Collector.StartAsync(SharedRedis.Server, prefix, BurstOfThree, cancellationToken: cancellationToken);
        var instance = Guid.NewGuid().ToString();
        var options = new CallOptions(cancellationToken: cancellationToken);

        // Act
        var outcomes = new List<ReportOutcome>();
        foreach (var collector in new[] { first, second, first, second, first, second })
        {
            try
            {
                var response = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic(instance) } }, options);
                outcomes.Add(response.Results.Single().Outcome);
            }
            catch (RpcException exception) when (exception.Status.StatusCode == StatusCode.ResourceExhausted)
            {
                outcomes.Add(ReportOutcome.RateLimited);
            }
        }

        // Assert
        Assert.That(outcomes, Is.EqualTo(new[]
        {
            ReportOutcome.Accepted, ReportOutcome.Accepted, ReportOutcome.Accepted,
            ReportOutcome.RateLimited, ReportOutcome.RateLimited, ReportOutcome.RateLimited,
        }));
    }
}
