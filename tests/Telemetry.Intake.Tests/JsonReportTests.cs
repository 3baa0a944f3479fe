using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Telemetry.Intake.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Intake.Tests;

/// <summary><c>POST /v1/reports</c>: the contract's own <c>UsageReport</c> in protobuf JSON, for senders without gRPC.</summary>
[TestFixture]
public sealed class JsonReportTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Post_UsageReportJson_IsStoredLikeAGrpcReport(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var report = Report();
        var json = JsonFormatter.Default.Format(report);

        // Act
        using var response = await collector.PostAsync("/v1/reports", json, cancellationToken);
        using var retry = await collector.PostAsync("/v1/reports", json, cancellationToken);
        var results = new[] { await Answers.ResultAsync(response, cancellationToken), await Answers.ResultAsync(retry, cancellationToken) };
        var stored = (await collector.StoredAsync(report.Instance.InstanceId, 1, cancellationToken)).Single();

        // Assert
        var expected = report.Clone();
        expected.Build.BuildUser = string.Empty;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[] { ReportOutcome.Accepted, ReportOutcome.Duplicate }));
            Assert.That(stored, Is.EqualTo(expected));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Post_InvalidReport_Answers400WithTheFieldPath(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var report = Report();
        report.ReportId = "not-a-uuid";

        // Act
        using var response = await collector.PostAsync("/v1/reports", JsonFormatter.Default.Format(report), cancellationToken);
        var result = await Answers.ResultAsync(response, cancellationToken);
        using var malformed = await collector.PostAsync("/v1/reports", "{\"reportId\": 5", cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(400));
            Assert.That(result.Outcome, Is.EqualTo(ReportOutcome.Rejected));
            Assert.That(result.FieldPath, Is.EqualTo("report_id"));
            Assert.That((int)malformed.StatusCode, Is.EqualTo(400));
        });
    }

    private static UsageReport Report() => new()
    {
        ReportId = Guid.NewGuid().ToString(),
        SchemaVersion = 1,
        Instance = new InstanceIdentity { InstanceId = Guid.NewGuid().ToString() },
        ReportTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-1)),
        Build = new BuildInfo { Version = "1.0.0", BuildUser = "alice" },
        Generic = new GenericReport
        {
            Product = "shell-script",
            Metrics = { ["runs"] = new MetricValue { IntValue = 3 } },
        },
    };
}
