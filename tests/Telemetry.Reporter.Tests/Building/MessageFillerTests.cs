using Telemetry.Reporter.Building;
using Telemetry.Reporter.Metrics;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.Building;

[TestFixture]
public sealed class MessageFillerTests
{
    [Test]
    public void Fill_MapKeysInBrackets_KeepTheVendorsKeysAsData()
    {
        // Arrange
        var registry = new MetricRegistry();
        registry.IntValue("ux.api_calls[/p/$projectId]").Set(7);
        registry.IntValue("ux.users_by_screen_size[1920x1080]").Set(3);
        registry.IntValue("infra.applications_by_kind[Deployment].instances").Set(12);
        registry.IntValue("infra.deployment_summaries.ok").Set(4);
        registry.IntValue("infra.deployment_summaries[odd\\]key]").Set(5);
        var coroot = new CorootReport();

        // Act
        MessageFiller.Fill(coroot, registry.Capture(commit: false));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(coroot.Ux.ApiCalls["/p/$projectId"], Is.EqualTo(7));
            Assert.That(coroot.Ux.UsersByScreenSize["1920x1080"], Is.EqualTo(3));
            Assert.That(coroot.Infra.ApplicationsByKind["Deployment"].Instances, Is.EqualTo(12));
            Assert.That(coroot.Infra.DeploymentSummaries["ok"], Is.EqualTo(4));
            Assert.That(coroot.Infra.DeploymentSummaries["odd]key"], Is.EqualTo(5));
        });
    }

    [Test]
    public void Fill_RepeatedFields_TakeElementsInIndexOrder()
    {
        // Arrange
        var registry = new MetricRegistry();
        registry.StringValue("stack.clouds[1]").Set("gcp");
        registry.StringValue("stack.clouds[0]").Set("aws");
        registry.FloatValue("performance.cpu_usage[10]").Set(0.5);
        registry.FloatValue("performance.cpu_usage[2]").Set(0.25);
        registry.FloatValue("performance.components[0].instances[0].containers[coroot].cpu_usage").Set(0.75);
        var coroot = new CorootReport();

        // Act
        MessageFiller.Fill(coroot, registry.Capture(commit: false));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(coroot.Stack.Clouds, Is.EqualTo(new[] { "aws", "gcp" }));
            Assert.That(coroot.Performance.CpuUsage, Is.EqualTo(new[] { 0.25, 0.5 }), "gaps closed");
            Assert.That(coroot.Performance.Components.Single().Instances.Single().Containers["coroot"].CpuUsage, Is.EqualTo(0.75));
        });
    }

    [Test]
    public void Fill_QdrantRoutesAndIntegerKeys_FillNestedMaps()
    {
        // Arrange
        var registry = new MetricRegistry();
        registry.IntValue("requests.rest.responses[GET /collections].statuses[200].count").Set(42);
        registry.FloatValue("requests.rest.responses[GET /collections].statuses[200].avg_duration_micros").Set(12.5);
        registry.IntValue("requests.grpc.responses[/qdrant.Points/Search].statuses[0].count").Set(9);
        registry.IntValue("requests.grpc.responses[/qdrant.Points/Search].statuses[not_a_number].count").Set(1);
        var qdrant = new QdrantReport();

        // Act
        MessageFiller.Fill(qdrant, registry.Capture(commit: false));

        // Assert
        var rest = qdrant.Requests.Rest.Responses["GET /collections"].Statuses[200];
        Assert.Multiple(() =>
        {
            Assert.That(rest.Count, Is.EqualTo(42));
            Assert.That(rest.AvgDurationMicros, Is.EqualTo(12.5));
            Assert.That(qdrant.Requests.Grpc.Responses["/qdrant.Points/Search"].Statuses.Keys, Is.EqualTo(new[] { 0 }));
        });
    }

    [Test]
    public void Fill_InfluxDbRepeatedMessages_OneElementPerIndex()
    {
        // Arrange
        var registry = new MetricRegistry();
        registry.StringValue("flux_function_calls[0].function").Set("from");
        registry.IntValue("flux_function_calls[0].count").Set(10);
        registry.StringValue("flux_function_calls[1].function").Set("range");
        registry.StringValue("http_api_requests[0].path").Set("/api/v2/write");
        registry.IntValue("index_partitions[0].series").Set(3);
        var influx = new InfluxDbReport();

        // Act
        MessageFiller.Fill(influx, registry.Capture(commit: false));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(influx.FluxFunctionCalls.Select(c => (c.Function, c.Count)), Is.EqualTo(new[] { ("from", 10L), ("range", 0L) }));
            Assert.That(influx.HttpApiRequests.Single().Path, Is.EqualTo("/api/v2/write"));
            Assert.That(influx.IndexPartitions, Has.Count.EqualTo(1));
        });
    }

    [TestCase("cpu_usage[CPUNode]", new[] { "cpu_usage", "CPUNode" })]
    [TestCase("a.b[x.y][-CPU].c", new[] { "a", "b", "x.y", "-CPU", "c" })]
    [TestCase("m[a\\]b\\\\c]", new[] { "m", "a]b\\c" })]
    [TestCase("m[]", new[] { "m", "" })]
    public void Parse_Name_SplitsSegmentsAndKeys(string name, string[] expected)
    {
        // Act
        var steps = MetricName.Parse(name);

        // Assert
        Assert.That(steps, Is.EqualTo(expected));
    }

    [TestCase("CPU")]
    [TestCase("a.")]
    [TestCase("a[b")]
    [TestCase("a[b]c")]
    [TestCase("[b]")]
    public void Validate_BadName_Throws(string name)
    {
        // Act
        void Act() => MetricName.Validate(name);

        // Assert
        Assert.That(Act, Throws.ArgumentException);
    }

    [Test]
    public void Key_AnyText_RoundTripsThroughAName()
    {
        // Arrange
        const string Key = @"GET /a]b\c[";

        // Act
        var steps = MetricName.Parse("responses" + MetricRegistry.Key(Key));

        // Assert
        Assert.That(steps, Is.EqualTo(new[] { "responses", Key }));
    }
}
