using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>Ingest keys per product, presented as the x-ingest-key metadata entry.</summary>
[TestFixture]
public sealed class IngestKeyTests
{
    private static readonly Dictionary<string, string?> KeyForExample = new()
    {
        ["Authentication:IngestKeys:example:0"] = "example-key",
    };

    [TestCase(null, ReportOutcome.Rejected)]
    [TestCase("wrong-key", ReportOutcome.Rejected)]
    [TestCase("example-key", ReportOutcome.Accepted)]
    public async Task IngestReports_PresentedKey_DecidesWhetherTheReportIsAccepted(string? key, ReportOutcome expected)
    {
        // Arrange
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), KeyForExample, cancellationToken: cancellation.Token);
        var headers = new Metadata();
        if (key is not null)
        {
            headers.Add("x-ingest-key", key);
        }

        // Act
        var response = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } },
            new CallOptions(headers, cancellationToken: cancellation.Token));

        // Assert
        Assert.That(response.Results.Single().Outcome, Is.EqualTo(expected), response.Results.Single().Reason);
    }
}
