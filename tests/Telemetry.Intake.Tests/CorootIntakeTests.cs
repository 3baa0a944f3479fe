using Telemetry.Intake.Tests.Infrastructure;

namespace Telemetry.Intake.Tests;

/// <summary>Coroot posting its usage statistics to the collector as it posts them to coroot.com.</summary>
[TestFixture]
public sealed class CorootIntakeTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task UsageStatistics_DocumentedPayload_IsStoredFieldByField(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var uuid = Guid.NewGuid().ToString();

        // Act
        using var response = await collector.PostAsync("/ce/usage-statistics", VendorBodies.Coroot(uuid), cancellationToken);
        var stored = (await collector.StoredAsync(uuid, 1, cancellationToken)).Single();
        var unknown = await collector.MetricAsync("telemetry_intake_unknown_fields_total",
            "telemetry_intake_product=\"coroot\",telemetry_intake_field=\"integration.opentelemetry_collector\"", 1, cancellationToken);

        // Assert
        var coroot = stored.Coroot;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(stored.Instance.InstanceId, Is.EqualTo(uuid));
            Assert.That(stored.Build.Version, Is.EqualTo("1.6.3"));
            Assert.That(stored.Edition, Is.EqualTo("Community"));
            Assert.That(coroot.Instance.DatabaseType, Is.EqualTo("sqlite"));
            Assert.That(coroot.Instance.InstallationType, Is.EqualTo("helm"));
            Assert.That(coroot.Integration.Prometheus, Is.True);
            Assert.That(coroot.Integration.KubeStateMetrics, Is.True);
            Assert.That(coroot.Integration.InspectionOverrides["CPUNode"].ApplicationLevel, Is.EqualTo(2));
            Assert.That(coroot.Integration.AlertingIntegrations, Is.EqualTo(new[] { "slack" }));
            Assert.That(coroot.Stack.Clouds, Is.EqualTo(new[] { "aws", "hetzner" }));
            Assert.That(coroot.Stack.InstrumentedServices, Is.EqualTo(new[] { "postgres" }));
            Assert.That(coroot.Infra.Applications, Is.EqualTo(18));
            Assert.That(coroot.Infra.DeploymentSummaries["+Logs"], Is.EqualTo(1));
            Assert.That(coroot.Ux.UsersByScreenSize["lg"], Is.EqualTo(7));
            Assert.That(coroot.Ux.Users.Single(), Is.Not.EqualTo("20174a56-4a1e-41ca-a90d-b657d1fa873e").And.Not.Empty, "keyed-hashed");
            Assert.That(coroot.Ux.PageViews["/p/$projectId"], Is.EqualTo(1));
            Assert.That(coroot.Performance.Constructor.Queries["node_info"].MetricsCount, Is.EqualTo(4));
            Assert.That(coroot.Performance.CpuUsage, Is.EqualTo(new[] { 0.079, 0.071 }));
            Assert.That(coroot.Profile.Cpu.ToByteArray(), Is.EqualTo(new byte[] { 0, 1, 2 }));
            Assert.That(unknown, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task UsageStatistics_WrongFieldType_Answers400AndTheCollectorKeepsServing(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var uuid = Guid.NewGuid().ToString();
        var wrong = VendorBodies.Coroot(uuid).Replace("\"projects\": 2", "\"projects\": \"two\"", StringComparison.Ordinal);

        // Act
        using var rejected = await collector.PostAsync("/ce/usage-statistics", wrong, cancellationToken);
        var held = await collector.HeldAsync(uuid, cancellationToken);
        using var accepted = await collector.PostAsync("/ce/usage-statistics", VendorBodies.Coroot(uuid), cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)rejected.StatusCode, Is.EqualTo(400));
            Assert.That(held, Is.Empty);
            Assert.That((int)accepted.StatusCode, Is.EqualTo(200));
        });
    }
}
