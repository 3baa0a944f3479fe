using Telemetry.Intake.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Intake.Tests;

/// <summary>Mimir, Tempo and Loki posting their usage reports to the collector as they post them to stats.grafana.org.</summary>
[TestFixture]
public sealed class GrafanaIntakeTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Mimir_Report_IsStoredFieldByField(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var cluster = Guid.NewGuid().ToString();

        // Act
        using var response = await collector.PostAsync("/mimir-usage-report", GrafanaBodies.Mimir(cluster.ToUpperInvariant()), cancellationToken);
        var result = await Answers.ResultAsync(response, cancellationToken);
        var stored = (await collector.StoredAsync(cluster, 1, cancellationToken)).Single();

        // Assert
        var mimir = stored.Mimir;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(result.Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(stored.ReportId, Is.EqualTo(result.ReportId));
            Assert.That(stored.Instance.ClusterId, Is.EqualTo(cluster), "lower-cased");
            Assert.That(stored.Instance.IntervalStartTime.ToDateTimeOffset(), Is.EqualTo(DateTimeOffset.Parse("2026-12-03T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(stored.Instance.IntervalPeriod.ToTimeSpan(), Is.EqualTo(TimeSpan.FromHours(4)));
            Assert.That(stored.Instance.CreatedTime.Nanos, Is.EqualTo(123456789));
            Assert.That(stored.Build.Version, Is.EqualTo("2.14.0"));
            Assert.That(stored.Build.Revision, Is.EqualTo("1b2c3d4"));
            Assert.That(stored.Build.RuntimeVersion, Is.EqualTo("go1.22.5"));
            Assert.That(stored.Environment.Os, Is.EqualTo("linux"));
            Assert.That(stored.Environment.Arch, Is.EqualTo("amd64"));
            Assert.That(stored.Target, Is.EqualTo("all"));
            Assert.That(stored.Edition, Is.EqualTo("oss"));
            Assert.That(mimir.ClusterId, Is.EqualTo(cluster));
            Assert.That(mimir.Version.BuildUser, Is.Empty, "never stored");
            Assert.That(mimir.Metrics.Memstats.NumGc, Is.EqualTo(31));
            Assert.That(mimir.Metrics.Memstats.Alloc, Is.EqualTo(123_000_000), "rounded to three significant digits");
            Assert.That(mimir.Metrics.NumGoroutine, Is.EqualTo(412));
            Assert.That(mimir.Metrics.CpuUsage, Is.EqualTo(12.5));
            Assert.That(mimir.Metrics.BlocksStorageBackend, Is.EqualTo("s3"));
            Assert.That(mimir.Metrics.InstallationMode, Is.EqualTo("helm"));
            Assert.That(mimir.Metrics.IngesterReplicationFactor, Is.EqualTo(3));
            Assert.That(mimir.Metrics.IngesterRingStore, Is.EqualTo("memberlist"));
            Assert.That(mimir.Metrics.IngesterInmemorySeries, Is.EqualTo(123_000));
            Assert.That(mimir.Metrics.IngesterInmemoryTenants, Is.EqualTo(4));
            Assert.That(mimir.Metrics.IngesterAppendedSamples.Total, Is.EqualTo(100_000));
            Assert.That(mimir.Metrics.IngesterAppendedSamples.Rate, Is.EqualTo(6.94));
            Assert.That(mimir.Metrics.QuerierRangeQueryRequests.Total, Is.EqualTo(5));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Mimir_RetriedReport_IsStoredOnceAndAnsweredSuccessBothTimes(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var cluster = Guid.NewGuid().ToString();
        var body = GrafanaBodies.Mimir(cluster);

        // Act
        using var first = await collector.PostAsync("/mimir-usage-report", body, cancellationToken);
        using var retry = await collector.PostAsync("/mimir-usage-report", body, cancellationToken);
        using var nextInterval = await collector.PostAsync("/mimir-usage-report", GrafanaBodies.Mimir(cluster, "2026-12-03T04:00:00Z"), cancellationToken);
        var results = new[] { await Answers.ResultAsync(first, cancellationToken), await Answers.ResultAsync(retry, cancellationToken) };
        var stored = await collector.StoredAsync(cluster, 2, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(new[] { first, retry, nextInterval }.Select(r => (int)r.StatusCode), Has.All.EqualTo(200));
            Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[] { ReportOutcome.Accepted, ReportOutcome.Duplicate }));
            Assert.That(results[1].ReportId, Is.EqualTo(results[0].ReportId));
            Assert.That(stored, Has.Count.EqualTo(2));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Tempo_DocumentedExample_IsStoredFieldByField(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var cluster = Guid.NewGuid().ToString();

        // Act
        using var response = await collector.PostAsync("/tempo-usage-report", GrafanaBodies.Tempo(cluster), cancellationToken);
        var stored = (await collector.StoredAsync(cluster, 1, cancellationToken)).Single();

        // Assert
        var metrics = stored.Tempo.Metrics;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(stored.Build.Version, Is.EqualTo("v2.8.0"));
            Assert.That(stored.Environment.Arch, Is.EqualTo("arm64"));
            Assert.That(stored.Environment.LogicalCpus, Is.EqualTo(8));
            Assert.That(stored.Tempo.IntervalPeriod, Is.EqualTo(14400));
            Assert.That(metrics.RingKvStore, Is.EqualTo("inmemory"));
            Assert.That(metrics.Memstats.HeapInuse, Is.EqualTo(14_100_000));
            Assert.That(metrics.NumGoroutine, Is.EqualTo(813));
            Assert.That(metrics.ReceiverEnabledOtlp, Is.EqualTo(1));
            Assert.That(metrics.StorageBlockEncoding, Is.EqualTo("zstd"));
            Assert.That(metrics.StorageBackend, Is.EqualTo("local"));
            Assert.That(metrics.FrontendVersion, Is.EqualTo("v1"));
            Assert.That(metrics.CacheMemcached, Is.EqualTo(1));
            Assert.That(metrics.DistributorBytesReceived.Total, Is.EqualTo(2048));
            Assert.That(metrics.DistributorSpansReceived.Rate, Is.EqualTo(0.0044));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Loki_Report_IsStoredFieldByFieldWithTypedValues(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var cluster = Guid.NewGuid().ToString();

        // Act
        using var response = await collector.PostAsync("/loki-usage-report", GrafanaBodies.Loki(cluster), cancellationToken);
        var stored = (await collector.StoredAsync(cluster, 1, cancellationToken)).Single();
        var unknown = await collector.MetricAsync("telemetry_intake_unknown_fields_total",
            "telemetry_intake_product=\"loki\",telemetry_intake_field=\"metrics.tenants\"", 1, cancellationToken);

        // Assert
        var loki = stored.Loki;
        var values = loki.Metrics.Values;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(loki.ClusterId, Is.EqualTo(cluster));
            Assert.That(loki.Target, Is.EqualTo("all"));
            Assert.That(loki.IntervalPeriod, Is.EqualTo(14400));
            Assert.That(loki.Version.Version, Is.EqualTo("3.5.5"));
            Assert.That(loki.Version.BuildUser, Is.Empty, "never stored");
            Assert.That(stored.Build.Version, Is.EqualTo("3.5.5"));
            Assert.That(stored.Build.BuildUser, Is.Empty);
            Assert.That(stored.Environment.LogicalCpus, Is.EqualTo(4));
            Assert.That(stored.Instance.IntervalStartTime.ToDateTimeOffset().Hour, Is.EqualTo(4));
            Assert.That(loki.Metrics.NumCpu, Is.EqualTo(4));
            Assert.That(loki.Metrics.NumGoroutine, Is.EqualTo(300));
            Assert.That(loki.Metrics.Memstats.NumGc, Is.EqualTo(12));
            Assert.That(loki.Metrics.Memstats.Alloc, Is.EqualTo(2_000_000));
            Assert.That(values["store_object_type"].StringValue, Is.EqualTo("s3"));
            Assert.That(values["ingester_streams_count"].IntValue, Is.EqualTo(42));
            Assert.That(values["distributor_bytes_received"].Counter.Total, Is.EqualTo(1024));
            Assert.That(values["query_metric_latency"].Statistics.Count, Is.EqualTo(10));
            Assert.That(values["query_metric_latency"].Statistics.Max, Is.EqualTo(2));
            Assert.That(values["compactor_retention_enabled"].IntValue, Is.EqualTo(1));
            Assert.That(values["schema_config_v13"].StringValue, Is.EqualTo("tsdb"), "nested objects are flattened");
            Assert.That(values.ContainsKey("tenants"), Is.False);
            Assert.That(unknown, Is.EqualTo(1), "the array the contract cannot hold is counted");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Mimir_UnmodelledMetric_IsCountedPerProductAndField(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);

        // Act
        using var first = await collector.PostAsync("/mimir-usage-report", GrafanaBodies.Mimir(Guid.NewGuid().ToString()), cancellationToken);
        using var second = await collector.PostAsync("/mimir-usage-report", GrafanaBodies.Mimir(Guid.NewGuid().ToString()), cancellationToken);
        var counted = await collector.MetricAsync("telemetry_intake_unknown_fields_total",
            "telemetry_intake_product=\"mimir\",telemetry_intake_field=\"metrics.distributor_replication_queue_length\"", 2, cancellationToken);

        // Assert
        Assert.That(counted, Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Mimir_WithoutClusterId_Answers400NamingTheFieldAndStoresNothing(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);

        // Act
        using var response = await collector.PostAsync("/mimir-usage-report", GrafanaBodies.Mimir(string.Empty), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var buffered = await collector.BufferedAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(400));
            Assert.That(text, Does.StartWith("clusterID:"));
            Assert.That(buffered, Is.Empty);
        });
    }
}
