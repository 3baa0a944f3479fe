using Telemetry.Reporter.Building;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Metrics;
using Telemetry.Reporter.Runtime;
using Telemetry.Reporter.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.Building;

[TestFixture]
public sealed class ReportBuilderTests
{
    private static readonly DateTimeOffset Slot = ManualTimeProvider.DefaultStart.AddHours(4);
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private ManualTimeProvider _time = null!;
    private RuntimeCollector _runtime = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        _runtime = new RuntimeCollector(_time);
    }

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public void Build_Mimir_FillsEnvelopeRuntimeAndMetricsByName()
    {
        // Arrange
        var registry = new MetricRegistry(_time);
        registry.Counter("ingester_appended_samples").Add(500);
        registry.StringValue("blocks_storage_backend").Set("s3");
        registry.IntValue("ingester_replication_factor").Set(3);
        registry.StringValue("mode").Set("classic");
        var identity = new InstallationIdentity("7d2b0c55-3f0e-4a43-9d0e-6a1f2f0b9c11", ManualTimeProvider.DefaultStart, IdentityScope.Cluster, Secret);

        // Act
        var report = Build("mimir", registry, identity).Mimir;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.ClusterId, Is.EqualTo(identity.Id));
            Assert.That(report.CreatedAt.ToDateTimeOffset(), Is.EqualTo(identity.CreatedAt));
            Assert.That(report.Interval.ToDateTimeOffset(), Is.EqualTo(Slot));
            Assert.That(report.IntervalPeriod, Is.EqualTo(14400));
            Assert.That(report.Target, Is.EqualTo("ingester"));
            Assert.That(report.Mode, Is.EqualTo("classic"));
            Assert.That(report.Os, Is.EqualTo(RuntimeCollector.OperatingSystemName));
            Assert.That(report.Metrics.IngesterAppendedSamples.Total, Is.EqualTo(500));
            Assert.That(report.Metrics.BlocksStorageBackend, Is.EqualTo("s3"));
            Assert.That(report.Metrics.IngesterReplicationFactor, Is.EqualTo(3));
            Assert.That(report.Metrics.NumCpu, Is.EqualTo(System.Environment.ProcessorCount));
            Assert.That(report.Metrics.Memstats.HeapAlloc, Is.GreaterThan(0));
            Assert.That(report.Metrics.NumGoroutine, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Build_RoundedField_IsAnonymizedWithTheContractRules()
    {
        // Arrange
        var registry = new MetricRegistry(_time);
        registry.IntValue("ingester_inmemory_series").Set(1_234_567);

        // Act
        var report = Build("mimir", registry);

        // Assert
        Assert.That(report.Mimir.Metrics.IngesterInmemorySeries, Is.EqualTo(1_230_000));
    }

    [Test]
    public void Build_Coroot_FillsNestedGroupsFromDottedNames()
    {
        // Arrange
        var registry = new MetricRegistry(_time);
        registry.IntValue("infra.projects").Set(2);
        registry.IntValue("integration.prometheus").Set(true);
        registry.StringValue("instance.database_type").Set("postgres");

        // Act
        var report = Build("coroot", registry).Coroot;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.Infra.Projects, Is.EqualTo(2));
            Assert.That(report.Integration.Prometheus, Is.True);
            Assert.That(report.Instance.DatabaseType, Is.EqualTo("postgres"));
            Assert.That(report.Instance.Version, Is.EqualTo("2.8.0"));
            Assert.That(report.Profile, Is.Null, "groups without metrics stay absent");
            Assert.That(report.Ux, Is.Null, "groups without metrics stay absent");
        });
    }

    [Test]
    public void Build_MapFields_OneEntryPerMetricUnderTheMapName()
    {
        // Arrange: scalar entries, message entries filled field by field, and a metric of the wrong kind.
        var registry = new MetricRegistry(_time);
        registry.IntValue("ux.users_by_theme.dark").Set(3);
        registry.IntValue("ux.users_by_theme.light").Set(5);
        registry.StringValue("ux.users_by_theme.broken").Set("not a number");
        registry.IntValue("infra.applications_by_kind.deployment.applications").Set(4);
        registry.IntValue("infra.applications_by_kind.deployment.instances").Set(12);
        registry.IntValue("infra.applications_by_kind.stateful_set.instances").Set(2);

        // Act
        var report = Build("coroot", registry).Coroot;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.Ux.UsersByTheme, Is.EquivalentTo(new Dictionary<string, long> { ["dark"] = 3, ["light"] = 5 }));
            Assert.That(report.Infra.ApplicationsByKind.Keys, Is.EqualTo(new[] { "deployment", "stateful_set" }));
            Assert.That(report.Infra.ApplicationsByKind["deployment"].Applications, Is.EqualTo(4));
            Assert.That(report.Infra.ApplicationsByKind["deployment"].Instances, Is.EqualTo(12));
            Assert.That(report.Infra.ApplicationsByKind["stateful_set"].Instances, Is.EqualTo(2));
        });
    }

    [Test]
    public void Build_Tempo_FillsCountersAndFlags()
    {
        // Arrange
        var registry = new MetricRegistry(_time);
        registry.Counter("distributor_spans_received").Add(1000);
        registry.IntValue("receiver_enabled_otlp").Set(true);
        registry.StringValue("storage_backend").Set("gcs");

        // Act
        var report = Build("tempo", registry).Tempo;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.Metrics.DistributorSpansReceived.Total, Is.EqualTo(1000));
            Assert.That(report.Metrics.ReceiverEnabledOtlp, Is.EqualTo(1));
            Assert.That(report.Metrics.StorageBackend, Is.EqualTo("gcs"));
            Assert.That(report.Version.Revision, Is.EqualTo("abc123"));
        });
    }

    [Test]
    public void Build_InfluxDb_FillsScalarsAndHistogramButNeverTheAddress()
    {
        // Arrange
        var registry = new MetricRegistry(_time);
        registry.IntValue("buckets_total").Set(7);
        registry.Histogram("query_duration_seconds", [0.1, 1]).Record(0.5);
        registry.StringValue("ip").Set("192.0.2.10");

        // Act
        var report = Build("influxdb", registry).Influxdb;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.BucketsTotal, Is.EqualTo(7));
            Assert.That(report.QueryDurationSeconds.Counts, Is.EqualTo(new ulong[] { 0, 1, 0 }));
            Assert.That(report.Ip, Is.Empty);
            Assert.That(report.Cpus, Is.EqualTo(System.Environment.ProcessorCount));
        });
    }

    [Test]
    public void Build_Qdrant_FillsIdAppAndPaths()
    {
        // Arrange
        var registry = new MetricRegistry(_time);
        registry.IntValue("collections.number_of_collections").Set(4);

        // Act
        var report = Build("qdrant", registry).Qdrant;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.Id, Is.Not.Empty);
            Assert.That(report.App.Name, Is.EqualTo("qdrant"));
            Assert.That(report.App.System.Cores, Is.EqualTo((ulong)System.Environment.ProcessorCount));
            Assert.That(report.Collections.NumberOfCollections, Is.EqualTo(4));
        });
    }

    [Test]
    public void Build_OtherProduct_GenericReportWithEveryMetric()
    {
        // Arrange
        var registry = new MetricRegistry(_time);
        registry.Counter("jobs_run").Add(3);
        registry.Statistics("job_seconds").Record(1.5);
        registry.DistinctCount("job_kinds").Record("nightly");

        // Act
        var report = Build("myapp", registry);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.PayloadCase, Is.EqualTo(UsageReport.PayloadOneofCase.Generic));
            Assert.That(report.Generic.Product, Is.EqualTo("myapp"));
            Assert.That(report.Generic.Metrics.Keys, Is.EquivalentTo(new[] { "jobs_run", "job_seconds", "job_kinds" }));
            Assert.That(report.Generic.Metrics["job_kinds"].DistinctCount.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Build_AnyReport_EnvelopeCarriesNoHostOrUserNames()
    {
        // Arrange
        var registry = new MetricRegistry(_time);
        registry.Counter("jobs_run").Increment();

        // Act
        var report = Build("myapp", registry);
        var json = report.ToString();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.SchemaVersion, Is.EqualTo(1));
            Assert.That(Guid.TryParse(report.ReportId, out _), Is.True);
            Assert.That(report.Instance.InstanceId, Is.Not.Empty);
            Assert.That(report.Build.BuildUser, Is.Empty);
            Assert.That(json, Does.Not.Contain(System.Environment.MachineName));
            Assert.That(json, Does.Not.Contain("\"" + System.Environment.UserName + "\""));
            Assert.That(report.Environment.LogicalCpus, Is.EqualTo(System.Environment.ProcessorCount));
            Assert.That(report.Environment.Memory.ResidentBytes, Is.GreaterThan(0));
            Assert.That(report.Environment.Gc.CollectionsPerGeneration, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public void Build_ClusterScope_ReportsClusterIdAndARandomInstanceId()
    {
        // Arrange
        var identity = new InstallationIdentity("7d2b0c55-3f0e-4a43-9d0e-6a1f2f0b9c11", ManualTimeProvider.DefaultStart, IdentityScope.Cluster, Secret);

        // Act
        var report = Build("myapp", new MetricRegistry(_time), identity);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.Instance.ClusterId, Is.EqualTo(identity.Id));
            Assert.That(report.Instance.InstanceId, Is.Not.EqualTo(identity.Id));
            Assert.That(Guid.TryParse(report.Instance.InstanceId, out _), Is.True);
        });
    }

    private UsageReport Build(string product, MetricRegistry registry, InstallationIdentity? identity = null)
    {
        var options = new TelemetryReporterOptions { Product = product, Target = "ingester", Edition = "oss" };
        var build = new BuildInfo { Version = "2.8.0", Revision = "abc123", RuntimeVersion = ".NET 10" };
        var builder = new ReportBuilder(options, registry, _runtime, build);
        identity ??= new InstallationIdentity(Guid.NewGuid().ToString("D"), ManualTimeProvider.DefaultStart, IdentityScope.Instance, Secret);
        return builder.Build(identity, Slot, Guid.NewGuid().ToString("D"), commit: false).Report;
    }
}
