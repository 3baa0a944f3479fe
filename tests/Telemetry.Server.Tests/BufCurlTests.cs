using System.Text.Json;
using Google.Protobuf;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// <c>buf curl</c> (npm @bufbuild/buf) against the collector, as the README tells operators to use it: it learns the
/// schema only through server reflection, then calls with JSON bodies over the gRPC protocol (h2c prior knowledge).
/// </summary>
[TestFixture]
public sealed class BufCurlTests
{
    private static readonly TimeSpan BufTimeout = TimeSpan.FromSeconds(20);

    private static readonly string[] ServedServices =
    [
        "telemetry.v1.IngestService",
        "telemetry.v1.AdminService",
        "telemetry.v1.InsightsService",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ];

    private Collector? _collector;

    private string Address => _collector!.Endpoint.ToString().TrimEnd('/');

    [OneTimeSetUp]
    public async Task StartCollectorAsync()
    {
        Assert.That(File.Exists(RepositoryPaths.Buf), Is.True, $"{RepositoryPaths.Buf} is missing; run scripts/setup.sh.");
        // The uploader runs in this collector, so it keeps insights (and serves InsightsService); its batches wait
        // the longest allowed age, so the reports the tests send stay in the buffer while the tests read it.
        _collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), new Dictionary<string, string?>
        {
            ["Upload:RunInCollector"] = "true",
            ["Upload:BatchMaxAge"] = "00:10:00",
            ["Upload:ClaimIdleTime"] = "00:20:00",
        });
    }

    [OneTimeTearDown]
    public async Task StopCollectorAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }
    }

    [TestCase("grpc-v1")]
    [TestCase("grpc-v1alpha")]
    [CancelAfter(30_000)]
    public async Task ListServices_Reflection_ListsEveryServedService(string reflectProtocol, CancellationToken cancellationToken)
    {
        // Act
        var result = await BufCurlAsync(["--list-services", "--reflect-protocol", reflectProtocol, Address], cancellationToken);

        // Assert
        var services = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(services, Is.EquivalentTo(ServedServices), result.ToString());
        });
    }

    [TestCase("")]
    [TestCase("telemetry.v1.IngestService")]
    [CancelAfter(30_000)]
    public async Task HealthCheck_RedisUp_ReturnsServing(string service, CancellationToken cancellationToken)
    {
        // Act
        var result = await BufCurlAsync(
            ["-d", JsonSerializer.Serialize(new { service }), $"{Address}/grpc.health.v1.Health/Check"],
            cancellationToken);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var answer = JsonDocument.Parse(result.StandardOutput);
        Assert.That(answer.RootElement.GetProperty("status").GetString(), Is.EqualTo("SERVING"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_JsonReportThroughReflection_IsAcceptedAndBuffered(CancellationToken cancellationToken)
    {
        // Arrange
        var report = Reports.Generic();
        var request = new IngestReportsRequest { RequestId = Guid.NewGuid().ToString(), Reports = { report } };

        // Act
        var result = await BufCurlAsync(
            ["-d", JsonFormatter.Default.Format(request), $"{Address}/telemetry.v1.IngestService/IngestReports"],
            cancellationToken);
        var buffered = await _collector!.BufferedReportIdsAsync(SharedRedis.Server);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var response = JsonParser.Default.Parse<IngestReportsResponse>(result.StandardOutput);
        Assert.Multiple(() =>
        {
            Assert.That(response.Results.Single().Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(response.Results.Single().ReportId, Is.EqualTo(report.ReportId));
            Assert.That(buffered, Does.Contain(report.ReportId));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_EmptyBatch_ReportsInvalidArgumentWithField(CancellationToken cancellationToken)
    {
        // Act
        var result = await BufCurlAsync(["-d", "{}", $"{Address}/telemetry.v1.IngestService/IngestReports"], cancellationToken);

        // Assert
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        using var error = JsonDocument.Parse(result.StandardError);
        Assert.Multiple(() =>
        {
            Assert.That(error.RootElement.GetProperty("code").GetString(), Is.EqualTo("invalid_argument"));
            Assert.That(error.RootElement.GetProperty("message").GetString(), Does.StartWith("reports:"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task InsightsListProducts_NoReadTokenConfigured_IsPermissionDenied(CancellationToken cancellationToken)
    {
        // Act: this collector has no Insights:ReadToken, so the insights API is off for everyone.
        var result = await BufCurlAsync(
            ["-H", "authorization: Bearer anything", "-d", "{}", $"{Address}/telemetry.v1.InsightsService/ListProducts"], cancellationToken);

        // Assert
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        using var error = JsonDocument.Parse(result.StandardError);
        Assert.Multiple(() =>
        {
            Assert.That(error.RootElement.GetProperty("code").GetString(), Is.EqualTo("permission_denied"));
            Assert.That(error.RootElement.GetProperty("message").GetString(), Does.Contain("Insights:ReadToken"));
        });
    }

    private static Task<ProcessResult> BufCurlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(
            RepositoryPaths.Buf,
            ["curl", "--protocol", "grpc", "--http2-prior-knowledge", .. arguments],
            BufTimeout,
            cancellationToken: cancellationToken);
}
