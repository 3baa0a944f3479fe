using Telemetry.Intake.Internal;
using Telemetry.Intake.Tests.Infrastructure;

namespace Telemetry.Intake.Tests;

/// <summary>InfluxDB 2.x pushing its telemetry to the collector as it pushes it to telemetry.influxdata.com.</summary>
[TestFixture]
public sealed class InfluxDbIntakeTests
{
    private const string Path = "/metrics/job/influxdb";

    [Test]
    [CancelAfter(60_000)]
    public async Task Push_ProtobufDelimited_Answers202AndIsStored(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var id = Snowflake();

        // Act
        using var response = await collector.PostAsync(Path, InfluxDbBodies.ProtoBody(id), InfluxDbBodies.ProtoDelimited, cancellationToken);
        var stored = (await collector.StoredAsync(InstanceKey(id), 1, cancellationToken)).Single();

        // Assert
        var influx = stored.Influxdb;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(202), "InfluxDB's pusher counts only 202 as delivered");
            Assert.That(influx.Id, Is.EqualTo(id));
            Assert.That(influx.Arch, Is.EqualTo("arm64"));
            Assert.That(influx.Cpus, Is.EqualTo(4));
            Assert.That(influx.UptimeSeconds, Is.EqualTo(7200));
            Assert.That(influx.TokensTotal, Is.EqualTo(9));
            Assert.That(influx.FluxFunctionCalls.Single().Function, Is.EqualTo("from"));
            Assert.That(influx.FluxFunctionCalls.Single().Count, Is.EqualTo(12));
            Assert.That(stored.Environment.LogicalCpus, Is.EqualTo(4));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Push_Text_IsStoredFieldByFieldWithoutIpAndWithHashedOrg(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var id = Snowflake();

        // Act
        using var response = await collector.PostAsync(Path, InfluxDbBodies.TextBody(id), cancellationToken, InfluxDbBodies.Text);
        var stored = (await collector.StoredAsync(InstanceKey(id), 1, cancellationToken)).Single();
        var unknown = await collector.MetricAsync("telemetry_intake_unknown_fields_total",
            "telemetry_intake_product=\"influxdb\",telemetry_intake_field=\"go_goroutines\"", 1, cancellationToken);

        // Assert
        var influx = stored.Influxdb;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(202));
            Assert.That(influx.Version, Is.EqualTo("v2.7.5"));
            Assert.That(influx.Commit, Is.EqualTo("19e5c0e1b7"));
            Assert.That(influx.BuildDate, Is.EqualTo("2024-03-11T15:30:00Z"));
            Assert.That(influx.Os, Is.EqualTo("linux"));
            Assert.That(influx.Cpus, Is.EqualTo(8));
            Assert.That(influx.Ip, Is.Empty);
            Assert.That(influx.UptimeSeconds, Is.EqualTo(3600.5));
            Assert.That(influx.BucketsTotal, Is.EqualTo(5));
            Assert.That(influx.OrganizationsTotal, Is.EqualTo(2));
            Assert.That(influx.UsersTotal, Is.EqualTo(3));
            Assert.That(influx.HttpApiRequests.Single().Path, Is.EqualTo("/api/v2/write"));
            Assert.That(influx.HttpApiRequests.Single().UserAgent, Is.EqualTo("influxdb-client-go"));
            Assert.That(influx.HttpApiRequests.Single().Count, Is.EqualTo(42));
            Assert.That(influx.WalWritesByStatus["ok"], Is.EqualTo(10));
            Assert.That(influx.WalWritesByStatus["fail"], Is.EqualTo(1));
            Assert.That(influx.QueryRequests.Single().Org, Is.Not.Empty.And.Not.EqualTo("0a1b2c3d4e5f6a70"), "keyed-hashed");
            Assert.That(influx.QueryRequests.Single().Count, Is.EqualTo(3));
            Assert.That(influx.QueryDurationSeconds.Bounds, Is.EqualTo(new[] { 0.01, 0.1 }));
            Assert.That(influx.QueryDurationSeconds.Counts, Is.EqualTo(new ulong[] { 1, 2, 1 }));
            Assert.That(influx.QueryDurationSeconds.Count, Is.EqualTo(4));
            Assert.That(influx.StorageBytes, Is.EqualTo(1_050_000), "rounded");
            Assert.That(unknown, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Push_WithClientTimestamp_Answers400AndStoresNothing(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);

        // Act
        using var response = await collector.PostAsync(Path, InfluxDbBodies.TextBody(Snowflake(), " 1733184000000"), cancellationToken, InfluxDbBodies.Text);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var buffered = await collector.BufferedAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(400));
            Assert.That(text, Does.Contain("pushed metrics must not have timestamp"));
            Assert.That(buffered, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Push_UnknownContentType_Answers400(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);

        // Act
        using var response = await collector.PostAsync(Path, InfluxDbBodies.TextBody(Snowflake()), cancellationToken, "application/x-www-form-urlencoded");

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
    }

    private static string Snowflake() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]);

    private static string InstanceKey(string id) => ReportIds.NameBased($"influxdb-id\n{id}");
}
