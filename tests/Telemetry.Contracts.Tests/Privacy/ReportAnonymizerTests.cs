using Google.Protobuf.WellKnownTypes;
using Telemetry.Contracts.Privacy;
using Telemetry.V1;

namespace Telemetry.Contracts.Tests.Privacy;

[TestFixture]
public sealed class ReportAnonymizerTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] OtherKey = Enumerable.Range(2, 32).Select(i => (byte)i).ToArray();

    [Test]
    public void Apply_NeverStoredFields_AreRemoved()
    {
        // Arrange
        var report = new UsageReport
        {
            Build = new BuildInfo { Version = "1.0.0", BuildUser = "alice" },
            Influxdb = new InfluxDbReport { Ip = "203.0.113.7", Version = "2.7.1" },
        };

        // Act
        new ReportAnonymizer(Key).Apply(report);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.Build.BuildUser, Is.Empty);
            Assert.That(report.Build.Version, Is.EqualTo("1.0.0"));
            Assert.That(report.Influxdb.Ip, Is.Empty);
            Assert.That(report.Influxdb.Version, Is.EqualTo("2.7.1"));
        });
    }

    [Test]
    public void Apply_RoundedFields_KeepThreeSignificantDigits()
    {
        // Arrange
        var report = new UsageReport
        {
            Mimir = new MimirReport
            {
                Metrics = new MimirMetrics
                {
                    IngesterInmemorySeries = 123_456,
                    IngesterInmemoryTenants = 123_456,
                    Memstats = new GoMemStats { HeapInuse = 14_106_624, NumGc = 123_456 },
                },
            },
        };

        // Act
        new ReportAnonymizer(Key).Apply(report);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.Mimir.Metrics.IngesterInmemorySeries, Is.EqualTo(123_000));
            Assert.That(report.Mimir.Metrics.IngesterInmemoryTenants, Is.EqualTo(123_456), "not annotated");
            Assert.That(report.Mimir.Metrics.Memstats.HeapInuse, Is.EqualTo(14_100_000));
            Assert.That(report.Mimir.Metrics.Memstats.NumGc, Is.EqualTo(123_456), "not annotated");
        });
    }

    [Test]
    public void Apply_KeyedHashStrings_AreReplacedByStableKeyDependentHashes()
    {
        // Arrange
        static UsageReport Create() => new()
        {
            Coroot = new CorootReport { Ux = new CorootUx { Users = { "20174a56-4a1e-41ca-a90d-b657d1fa873e" } } },
        };
        var first = Create();
        var second = Create();
        var otherKey = Create();

        // Act
        new ReportAnonymizer(Key).Apply(first);
        new ReportAnonymizer(Key).Apply(second);
        new ReportAnonymizer(OtherKey).Apply(otherKey);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Coroot.Ux.Users.Single(), Does.Match("^[0-9a-f]{32}$"));
            Assert.That(second.Coroot.Ux.Users.Single(), Is.EqualTo(first.Coroot.Ux.Users.Single()));
            Assert.That(otherKey.Coroot.Ux.Users.Single(), Is.Not.EqualTo(first.Coroot.Ux.Users.Single()));
        });
    }

    [Test]
    public void Apply_KeyedHashMap_HashesKeysAndAnonymizesValues()
    {
        // Arrange
        var report = new QdrantReport
        {
            Hardware = new QdrantHardware
            {
                CollectionData = { ["customer-invoices"] = new QdrantHardwareUsage { VectorIoRead = 123_456 } },
            },
        };
        var anonymizer = new ReportAnonymizer(Key);

        // Act
        anonymizer.Apply(report);

        // Assert
        var entry = report.Hardware.CollectionData.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Key, Is.EqualTo(anonymizer.Hash("customer-invoices")));
            Assert.That(entry.Value.VectorIoRead, Is.EqualTo(123_000));
        });
    }

    [Test]
    public void Apply_KeyedHashInteger_IsReplacedByItsHash()
    {
        // Arrange
        var status = new QdrantClusterStatus { PeerId = 5_550_123 };
        var anonymizer = new ReportAnonymizer(Key);

        // Act
        anonymizer.Apply(status);

        // Assert
        Assert.That(status.PeerId, Is.EqualTo(anonymizer.Hash(5_550_123UL)).And.Not.EqualTo(5_550_123UL));
    }

    [Test]
    public void Apply_KeyedHashMapOfStructValues_HashesOnlyKeys()
    {
        // Arrange
        var cluster = new QdrantCluster { Metadata = { ["team"] = Value.ForString("search") } };
        var anonymizer = new ReportAnonymizer(Key);

        // Act
        anonymizer.Apply(cluster);

        // Assert
        Assert.That(cluster.Metadata.Keys, Is.EqualTo(new[] { anonymizer.Hash("team") }));
    }

    [Test]
    public void Apply_AbsentOptionalRoundedField_StaysAbsent()
    {
        // Arrange
        var system = new QdrantSystem { IsDocker = true };

        // Act
        new ReportAnonymizer(Key).Apply(system);

        // Assert
        Assert.That(system.HasRamSize, Is.False);
    }

    [Test]
    public void Constructor_ShortKey_Throws()
    {
        // Act and assert
        Assert.That(() => new ReportAnonymizer(new byte[16]), Throws.ArgumentException.With.Message.Contains("at least 32 bytes"));
    }

    [Test]
    public void ApplyExceptKeyedHashes_AnonymizedReport_KeepsHashesAndAppliesTheIdempotentRulesAgain()
    {
        // Arrange: a report a relay anonymized, then altered where only never-stored and rounded rules act.
        var report = new UsageReport
        {
            Build = new BuildInfo { Version = "1.0.0" },
            Coroot = new CorootReport { Ux = new CorootUx { Users = { "alice@example.com" } }, Infra = new CorootInfra { Nodes = 12_345 } },
        };
        var anonymizer = new ReportAnonymizer(Key);
        anonymizer.Apply(report);
        var hashed = report.Coroot.Ux.Users[0];
        report.Build.BuildUser = "bob";

        // Act
        anonymizer.ApplyExceptKeyedHashes(report);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(report.Coroot.Ux.Users, Is.EqualTo(new[] { hashed }));
            Assert.That(hashed, Is.EqualTo(anonymizer.Hash("alice@example.com")));
            Assert.That(report.Coroot.Infra.Nodes, Is.EqualTo(12_300));
            Assert.That(report.Build.BuildUser, Is.Empty);
        });
    }
}
