using Telemetry.Intake.Tests.Infrastructure;

namespace Telemetry.Intake.Tests;

/// <summary>Qdrant posting its telemetry and its panic report to the collector as it posts them to telemetry.qdrant.io.</summary>
[TestFixture]
public sealed class QdrantIntakeTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Telemetry_Level2Document_IsStoredWithRoutesAndVectorsRewritten(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var id = Guid.NewGuid().ToString();

        // Act
        using var response = await collector.PostAsync("/", VendorBodies.QdrantTelemetry(id), cancellationToken);
        var stored = (await collector.StoredAsync(id, 1, cancellationToken)).Single();
        var unknown = await collector.MetricAsync("telemetry_intake_unknown_fields_total",
            "telemetry_intake_product=\"qdrant\",telemetry_intake_field=\"jemalloc_arenas\"", 1, cancellationToken);

        // Assert
        var qdrant = stored.Qdrant;
        var collections = qdrant.Collections.Collections;
        var rest = qdrant.Requests.Rest.Responses["GET /collections"].Statuses[200];
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(qdrant.Id, Is.EqualTo(id));
            Assert.That(stored.Instance.InstanceId, Is.EqualTo(id));
            Assert.That(stored.Build.Version, Is.EqualTo("1.19.0"));
            Assert.That(stored.Environment.LogicalCpus, Is.EqualTo(8));
            Assert.That(qdrant.App.System.Distribution, Is.EqualTo("debian"));
            Assert.That(qdrant.App.System.RamSize, Is.EqualTo(16_400_000), "rounded");
            Assert.That(qdrant.App.Features.Gpu, Is.False);
            Assert.That(qdrant.Collections.NumberOfCollections, Is.EqualTo(2));
            Assert.That(collections[0].Id, Is.Not.EqualTo("9f86d081884c7d65").And.Not.Empty, "keyed-hashed");
            Assert.That(collections[0].Config.Params.Vector.Size, Is.EqualTo(384));
            Assert.That(collections[0].Config.Params.Vector.Distance, Is.EqualTo("Cosine"));
            Assert.That(collections[1].Config.Params.NamedVectors.Values.Single().Size, Is.EqualTo(768));
            Assert.That(collections[1].Config.Params.NamedVectors.Keys.Single(), Is.Not.EqualTo("text"), "vector names are keyed-hashed");
            Assert.That(collections[1].Config.HnswConfig.M, Is.EqualTo(32));
            Assert.That(rest.Count, Is.EqualTo(1230));
            Assert.That(rest.AvgDurationMicros, Is.EqualTo(35.5));
            Assert.That(qdrant.Requests.Grpc.Responses["/qdrant.Points/Search"].Statuses[0].Count, Is.EqualTo(7));
            Assert.That(qdrant.Memory.ActiveBytes, Is.EqualTo(123_000_000));
            Assert.That(unknown, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task PanicReport_IsStoredAsCrashReportWithoutTheMessage(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await IntakeCollector.StartAsync(cancellationToken);
        var id = Guid.NewGuid().ToString();

        // Act
        using var response = await collector.PostAsync("/", VendorBodies.QdrantPanic(id), cancellationToken);
        var stored = (await collector.StoredAsync(id, 1, cancellationToken)).Single();

        // Assert
        var crash = stored.Qdrant.CrashReports.Single();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(stored.Qdrant.Id, Is.EqualTo(id));
            Assert.That(crash.Id, Is.EqualTo(id));
            Assert.That(crash.Error, Is.Empty, "free text that may name collections is never stored");
            Assert.That(crash.Backtrace, Is.EqualTo(" in file lib/segment/src/index/hnsw.rs at line 412"));
        });
    }
}
