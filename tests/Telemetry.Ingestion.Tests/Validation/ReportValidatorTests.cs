using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Telemetry.Ingestion.Tests.Infrastructure;
using Telemetry.Ingestion.Tests.TestObjects;
using Telemetry.Ingestion.Validation;
using Telemetry.V1;

namespace Telemetry.Ingestion.Tests.Validation;

[TestFixture]
public sealed class ReportValidatorTests
{
    private static readonly DateTimeOffset Now = TestReports.Now;

    private static IEnumerable<TestCaseData> Violations()
    {
        static TestCaseData Case(string name, Action<UsageReport> mutate, string path, string message) =>
            new TestCaseData(mutate, path, message).SetArgDisplayNames(name);

        yield return Case("report_id missing", r => r.ReportId = "", "report_id", "report_id is required");
        yield return Case("report_id not a UUID", r => r.ReportId = "report-1", "report_id", "must be a non-nil UUID");
        yield return Case("report_id upper-case", r => r.ReportId = "0B8E4A52-8E0C-4C1E-9A51-2F6D3C1B7E90", "report_id", "lower-case hyphenated");
        yield return Case("report_id without hyphens", r => r.ReportId = "0b8e4a528e0c4c1e9a512f6d3c1b7e90", "report_id", "must be a non-nil UUID");
        yield return Case("report_id nil", r => r.ReportId = "00000000-0000-0000-0000-000000000000", "report_id", "non-nil");
        yield return Case("schema_version missing", r => r.SchemaVersion = 0, "schema_version", "schema_version is required");
        yield return Case("schema_version unknown", r => r.SchemaVersion = 2, "schema_version", "schema_version 2 is not supported");
        yield return Case("instance missing", r => r.Instance = null, "instance", "instance is required");
        yield return Case("no cluster_id nor instance_id", r => r.Instance.ClusterId = "", "instance.cluster_id", "instance.cluster_id or instance.instance_id is required");
        yield return Case("cluster_id not a UUID", r => r.Instance.ClusterId = "prod-eu-1", "instance.cluster_id", "must be a non-nil UUID");
        yield return Case("instance_id not a UUID", r => r.Instance.InstanceId = "host-7", "instance.instance_id", "must be a non-nil UUID");
        yield return Case("interval_period negative", r => r.Instance.IntervalPeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(-1)),
            "instance.interval_period", "must not be negative");
        yield return Case("report_time missing", r => r.ReportTime = null, "report_time", "report_time is required");
        yield return Case("report_time in the future", r => r.ReportTime = Timestamp.FromDateTimeOffset(Now.AddHours(2)), "report_time", "ahead of the collector's clock");
        yield return Case("report_time too old", r => r.ReportTime = Timestamp.FromDateTimeOffset(Now.AddDays(-8)), "report_time", "older than the accepted age");
        yield return Case("report_time out of range", r => r.ReportTime = new Timestamp { Seconds = long.MaxValue }, "report_time", "not a valid timestamp");
        yield return Case("no payload", r => r.ClearPayload(), "payload", "exactly one of mimir, tempo, influxdb, coroot, qdrant, loki or generic");
        yield return Case("generic product missing", r => r.Generic = new GenericReport(), "generic.product", "generic.product is required");
        yield return Case("generic product upper-case", r => r.Generic = new GenericReport { Product = "Loki" }, "generic.product", "must match [a-z][a-z0-9_-]{0,63}");
        yield return Case("generic product too long", r => r.Generic = new GenericReport { Product = "l" + new string('o', 64) }, "generic.product", "must match");
        yield return Case("generic product of a modelled product", r => r.Generic = new GenericReport { Product = "tempo" }, "generic.product", "has a payload of its own; send it as tempo");
        yield return Case("string too long", r => r.Build = new BuildInfo { Version = new string('v', 1025) }, "build.version", "build.version is 1025 characters long; at most 1024");
        yield return Case("map key too long", r => r.Generic = new GenericReport { Product = "loki", Metrics = { [new string('k', 1025)] = new MetricValue { IntValue = 1 } } },
            "generic.metrics", "has a key of 1025 characters");
        yield return Case("map too large", r => r.Generic = Generic(Enumerable.Range(0, 1001).ToDictionary(i => $"m{i}", _ => new MetricValue { IntValue = 1 })),
            "generic.metrics", "has 1001 entries; at most 1000");
        yield return Case("repeated too large", r => r.Environment = new V1.Environment { Gc = new GarbageCollection { CollectionsPerGeneration = { new ulong[1001] } } },
            "environment.gc.collections_per_generation", "has 1001 elements; at most 1000");
        yield return Case("NaN in a double", r => r.Mimir.Metrics.CpuUsage = double.NaN, "mimir.metrics.cpu_usage", "must be a finite number, not NaN or infinity");
        yield return Case("infinity in a nested double", r => r.Mimir.Metrics.Memstats.GcCpuFraction = double.PositiveInfinity,
            "mimir.metrics.memstats.gc_cpu_fraction", "finite");
        yield return Case("NaN in a repeated double", r => r.Generic = Generic(new() { ["h"] = new MetricValue { Series = new SampledSeries { Values = { 1, double.NaN } } } }),
            "generic.metrics[\"h\"].series.values[1]", "finite");
        yield return Case("NaN in a map value", r => r.Generic = Generic(new() { ["cpu"] = new MetricValue { FloatValue = double.NegativeInfinity } }),
            "generic.metrics[\"cpu\"].float_value", "finite");
        yield return Case("NaN in a google.protobuf.Value", r => r.Qdrant = Qdrant(new QdrantCollectionConfig { Metadata = { ["dim"] = Value.ForNumber(double.NaN) } }),
            "qdrant.collections.collections[0].config.metadata[\"dim\"].number_value", "finite");
        yield return Case("infinity deep in a google.protobuf.Struct", r => r.Qdrant = Qdrant(null, Struct("shards", Value.ForList(Value.ForNumber(1), Value.ForNumber(double.NegativeInfinity)))),
            "qdrant.collections.collections[0].transfers[0].fields[\"shards\"].list_value.values[1].number_value", "finite");
        yield return Case("negative count unit", r => r.Mimir.Metrics.NumGoroutine = -1, "mimir.metrics.num_goroutine", "must not be negative");
        yield return Case("negative counter total", r => r.Mimir.Metrics.IngesterAppendedSamples.Total = -5,
            "mimir.metrics.ingester_appended_samples.total", "mimir.metrics.ingester_appended_samples.total must not be negative");
        yield return Case("negative counter rate", r => r.Mimir.Metrics.IngesterAppendedSamples.Rate = -0.5,
            "mimir.metrics.ingester_appended_samples.rate", "must not be negative");
        yield return Case("negative _total field", r => r.Influxdb = new InfluxDbReport { DashboardsTotal = -2 },
            "influxdb.dashboards_total", "must not be negative");
        yield return Case("negative statistics count", r => r.Generic = Generic(new() { ["s"] = new MetricValue { Statistics = new Statistics { Count = -1 } } }),
            "generic.metrics[\"s\"].statistics.count", "must not be negative");
        yield return Case("negative bytes in a repeated double", r => r.Coroot = new CorootReport { Performance = new CorootPerformance { MemoryUsage = { 1, -1 } } },
            "coroot.performance.memory_usage[1]", "must not be negative");
        yield return Case("histogram with as many counts as bounds", r => r.Generic = Generic(new() { ["h"] = Histogram([1, 2], [1, 1], 2) }),
            "generic.metrics[\"h\"].histogram.counts", "has 2 elements; a histogram with 2 bounds has 3 buckets");
        yield return Case("histogram without counts", r => r.Generic = Generic(new() { ["h"] = Histogram([], [], 0) }),
            "generic.metrics[\"h\"].histogram.counts", "has 0 elements; a histogram with 0 bounds has 1 buckets");
        yield return Case("histogram bounds decreasing", r => r.Generic = Generic(new() { ["h"] = Histogram([1, 5, 2], [0, 0, 0, 0], 0) }),
            "generic.metrics[\"h\"].histogram.bounds[2]", "is 2, not greater than the bound before it (5)");
        yield return Case("histogram bounds repeated", r => r.Generic = Generic(new() { ["h"] = Histogram([1, 1], [0, 0, 0], 0) }),
            "generic.metrics[\"h\"].histogram.bounds[1]", "strictly increasing");
        yield return Case("histogram count not the sum of its buckets", r => r.Generic = Generic(new() { ["h"] = Histogram([1], [2, 3], 4) }),
            "generic.metrics[\"h\"].histogram.count", "is 4, but the buckets in counts add up to 5");
        yield return Case("histogram buckets overflowing", r => r.Generic = Generic(new() { ["h"] = Histogram([1], [ulong.MaxValue, 1], 0) }),
            "generic.metrics[\"h\"].histogram.count", "more than 2^64-1");
    }

    [TestCaseSource(nameof(Violations))]
    public void Validate_Violation_ReturnsFieldPathAndMessage(Action<UsageReport> mutate, string expectedPath, string expectedMessage)
    {
        // Arrange
        var report = TestReports.Mimir(reportTime: Now);
        mutate(report);

        // Act
        var result = CreateValidator().Validate(report);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.FieldPath, Is.EqualTo(expectedPath));
            Assert.That(result.Message, Does.Contain(expectedMessage));
        });
    }

    [Test]
    public void Validate_ValidMimirReport_Succeeds()
    {
        // Act
        var result = CreateValidator().Validate(TestReports.Mimir(reportTime: Now));

        // Assert
        Assert.That(result, Is.EqualTo(ValidationResult.Success));
    }

    [Test]
    public void Validate_ValidGenericReportWithInstanceIdOnly_Succeeds()
    {
        // Arrange
        var report = TestReports.Generic();
        report.ReportTime = Timestamp.FromDateTimeOffset(Now);

        // Act
        var result = CreateValidator().Validate(report);

        // Assert
        Assert.That(result.IsValid, Is.True, result.Message);
    }

    [Test]
    public void Validate_ConfiguredLimits_AreApplied()
    {
        // Arrange
        var validator = CreateValidator(new ValidationOptions { MaxStringLength = 40, MaxCollectionCount = 2, MaxReportAge = TimeSpan.FromHours(1) });
        var longTarget = TestReports.Mimir(reportTime: Now);
        longTarget.Target = new string('t', 41);
        var old = TestReports.Mimir(reportTime: Now.AddHours(-2));

        // Act
        var stringResult = validator.Validate(longTarget);
        var ageResult = validator.Validate(old);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stringResult.FieldPath, Is.EqualTo("target"));
            Assert.That(stringResult.Message, Does.Contain("at most 40"));
            Assert.That(ageResult.FieldPath, Is.EqualTo("report_time"));
        });
    }

    [Test]
    public void Validate_NegativeValueInUnannotatedField_Succeeds()
    {
        // Arrange: gauges without a count or bytes unit may be negative.
        var report = TestReports.Mimir(reportTime: Now);
        report.Generic = Generic(new() { ["temperature"] = new MetricValue { IntValue = -5 }, ["delta"] = new MetricValue { FloatValue = -1.5 } });

        // Act
        var result = CreateValidator().Validate(report);

        // Assert
        Assert.That(result.IsValid, Is.True, result.Message);
    }

    [Test]
    public void Validate_ValidReport_AllocatesLittle()
    {
        // Arrange: the walk boxes scalars it checks, but builds no path and no result unless something is wrong.
        var validator = CreateValidator();
        var report = TestReports.Mimir(reportTime: Now);
        validator.Validate(report);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            validator.Validate(report);
        }

        var perReport = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        // Assert
        Assert.That(perReport, Is.LessThan(1024));
    }

    [TestCase("0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e90", true)]
    [TestCase("0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e9", false)]
    [TestCase("0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e9g", false)]
    [TestCase("0b8e4a52_8e0c-4c1e-9a51-2f6d3c1b7e90", false)]
    [TestCase("{0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e9}", false)]
    public void IsCanonicalUuid_Input_ReturnsExpected(string value, bool expected)
    {
        // Act
        var result = ReportValidator.IsCanonicalUuid(value);

        // Assert
        Assert.That(result, Is.EqualTo(expected));
    }

    private static QdrantReport Qdrant(QdrantCollectionConfig? config, Struct? transfer = null)
    {
        var collection = new QdrantCollection { Config = config };
        if (transfer is not null)
        {
            collection.Transfers.Add(transfer);
        }

        return new QdrantReport { Collections = new QdrantCollections { Collections = { collection } } };
    }

    private static Struct Struct(string name, Value value) => new() { Fields = { [name] = value } };

    private static GenericReport Generic(Dictionary<string, MetricValue> metrics)
    {
        var generic = new GenericReport { Product = "loki" };
        generic.Metrics.Add(metrics);
        return generic;
    }

    private static ReportValidator CreateValidator(ValidationOptions? options = null) =>
        new(Options.Create(options ?? new ValidationOptions()), new TestTimeProvider(Now));

    private static MetricValue Histogram(double[] bounds, ulong[] counts, ulong count) =>
        new() { Histogram = new Histogram { Bounds = { bounds }, Counts = { counts }, Count = count } };
}
