using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Telemetry.Contracts.Privacy;
using Telemetry.Reporter.IntegrationTests.Infrastructure;
using Telemetry.Reporter.IntegrationTests.TestObjects;
using Telemetry.Reporter.Metrics;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Reporter.IntegrationTests;

/// <summary>
/// Every field of each product's payload, set through the SDK, reaches the collector: the stored report equals the
/// expected one field by field once the privacy rules are applied, and the preview renders exactly what was sent.
/// </summary>
[TestFixture]
public sealed class ProductPayloadTests
{
    private static readonly byte[] InstallationSecret = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    // The fields each payload builder sets from the reporter's identity, build and runtime, over any metric.
    private static readonly Dictionary<string, string[]> ReporterOwned = new()
    {
        ["mimir"] = ["MimirMetrics.memstats", "MimirMetrics.num_goroutine", "MimirMetrics.cpu_usage", "MimirMetrics.num_cpu"],
        ["tempo"] = ["TempoMetrics.memstats", "TempoMetrics.num_goroutine", "TempoMetrics.num_cpu"],
        ["influxdb"] = ["InfluxDbReport.id", "InfluxDbReport.version", "InfluxDbReport.commit", "InfluxDbReport.os", "InfluxDbReport.arch",
            "InfluxDbReport.cpus", "InfluxDbReport.uptime_seconds", "InfluxDbReport.ip"],
        ["coroot"] = ["CorootReport.instance.uuid", "CorootReport.instance.version"],
        ["qdrant"] = ["QdrantReport.id", "QdrantReport.app.name", "QdrantReport.app.version", "QdrantReport.app.startup", "QdrantReport.app.system.cores"],
    };

    private string _dataDirectory = string.Empty;

    [SetUp]
    public void SetUp() => _dataDirectory = Directory.CreateTempSubdirectory("telemetry-payload-it-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dataDirectory, recursive: true);

    [TestCase("mimir")]
    [TestCase("tempo")]
    [TestCase("influxdb")]
    [TestCase("coroot")]
    [TestCase("qdrant")]
    [CancelAfter(60_000)]
    public async Task Report_EveryPayloadFieldSetThroughTheSdk_IsStoredWithThePrivacyRulesApplied(string product, CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellationToken);
        var expected = ExpectedPayload(product);
        var events = new ReporterEvents();
        var options = Options(collector.Endpoint, product);
        options.ConfigureReport = report => PayloadField(product).Accessor.SetValue(report, Copy(expected));
        await using var reporter = TelemetryReporter.Create(options, identityStore: new FixedIdentityStore(InstallationSecret), loggerFactory: events);
        var preview = await reporter.PreviewAsync(cancellationToken);

        // Act
        await reporter.StartAsync(cancellationToken);
        var sent = await events.WaitForAsync("ReportSent", cancellationToken);

        // Assert: hashed by the reporter under the installation's secret, then by the collector under its key.
        var stored = (await collector.BufferedReportsAsync(SharedRedis.Server)).Single();
        var anonymized = Copy(expected);
        new ReportAnonymizer(InstallationSecret).Apply(anonymized);
        new ReportAnonymizer(Convert.FromBase64String(Collector.HashKey)).Apply(anonymized);
        var previewed = JsonParser.Default.Parse<UsageReport>(preview.Json);
        new ReportAnonymizer(Convert.FromBase64String(Collector.HashKey)).Apply(previewed);
        var lastReport = await ReadLastReportAsync(reporter.LastReportPath, cancellationToken);
        new ReportAnonymizer(Convert.FromBase64String(Collector.HashKey)).Apply(lastReport);
        Assert.Multiple(() =>
        {
            Assert.That(sent.Values["ReportId"], Is.EqualTo(stored.ReportId));
            Assert.That(MessageDiff.Compare(anonymized, (IMessage)PayloadField(product).Accessor.GetValue(stored)), Is.Empty);
            Assert.That(MessageDiff.CountValues(expected), Is.GreaterThan(20));
            Assert.That(preview.WillBeSent, Is.True);
            Assert.That(previewed.ReportId, Is.EqualTo(stored.ReportId));
            Assert.That(MessageDiff.Compare((IMessage)PayloadField(product).Accessor.GetValue(previewed), (IMessage)PayloadField(product).Accessor.GetValue(stored)), Is.Empty, "the preview, rendered and parsed back, carries the sent payload");
            Assert.That(MessageDiff.Compare(lastReport, stored), Is.Empty, "last-report.json, parsed back, is the sent report");
        });
    }

    [TestCase("mimir")]
    [TestCase("tempo")]
    [TestCase("influxdb")]
    [TestCase("coroot")]
    [TestCase("qdrant")]
    [CancelAfter(30_000)]
    public async Task PreviewAsync_SendingDisabled_ShowsEveryFieldMarkedNotSent(string product, CancellationToken cancellationToken)
    {
        // Arrange
        var expected = ExpectedPayload(product);
        var options = Options(new Uri("http://127.0.0.1:9"), product);
        options.Enabled = false;
        options.ConfigureReport = report => PayloadField(product).Accessor.SetValue(report, Copy(expected));
        await using var reporter = TelemetryReporter.Create(options);

        // Act
        var preview = await reporter.PreviewAsync(cancellationToken);

        // Assert
        var parsed = JsonParser.Default.Parse<UsageReport>(preview.Json);
        using var json = JsonDocument.Parse(preview.Json);
        Assert.Multiple(() =>
        {
            Assert.That(preview.WillBeSent, Is.False);
            Assert.That(preview.NotSentReason, Is.EqualTo("configuration: Enabled=false"));
            Assert.That(parsed.ToByteArray(), Is.EqualTo(preview.ToByteArray()));
            Assert.That(json.RootElement.TryGetProperty("report_id", out _), Is.True, "the contract's field names");
            Assert.That(Directory.EnumerateFileSystemEntries(_dataDirectory), Is.Empty, "nothing stored while disabled");
        });
    }

    [TestCase("mimir")]
    [TestCase("tempo")]
    [TestCase("influxdb")]
    [TestCase("coroot")]
    [TestCase("qdrant")]
    [CancelAfter(30_000)]
    public async Task PreviewAsync_EveryValueRecordedAsAMetric_FillsItsPayloadField(string product, CancellationToken cancellationToken)
    {
        // Arrange: one metric per string, number and bool of the payload, keys and indexes in brackets.
        var registry = new MetricRegistry();
        var full = ExpectedPayload(product);
        var expected = MetricFeeder.Feed(product switch
        {
            "mimir" => ((MimirReport)full).Metrics,
            "tempo" => ((TempoReport)full).Metrics,
            _ => full,
        }, registry);
        await using var reporter = TelemetryReporter.Create(
            Options(new Uri("http://127.0.0.1:9"), product), registry, identityStore: new FixedIdentityStore(InstallationSecret));

        // Act
        var preview = await reporter.PreviewAsync(cancellationToken);

        // Assert: equal except the fields the reporter fills itself (identity, build, runtime).
        new ReportAnonymizer(InstallationSecret).Apply(expected);
        var payload = (IMessage)PayloadField(product).Accessor.GetValue(preview.Report);
        var actual = payload switch
        {
            MimirReport mimir => mimir.Metrics,
            TempoReport tempo => tempo.Metrics,
            _ => payload,
        };
        var owned = ReporterOwned[product];
        var differences = MessageDiff.Compare(expected, actual)
            .Where(d => !owned.Any(path => d.StartsWith(path + ":", StringComparison.Ordinal) || d.StartsWith(path + ".", StringComparison.Ordinal)))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(differences, Is.Empty);
            Assert.That(MessageDiff.CountValues(expected), Is.GreaterThan(20));
        });
    }

    private static async Task<UsageReport> ReadLastReportAsync(string path, CancellationToken cancellationToken)
    {
        // The file is written just after the acknowledgement is logged.
        while (!File.Exists(path))
        {
            await Task.Delay(20, cancellationToken);
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        return JsonParser.Default.Parse<UsageReport>(document.RootElement.GetProperty("report").GetRawText());
    }

    private static FieldDescriptor PayloadField(string product) => UsageReport.Descriptor.FindFieldByName(product);

    private static IMessage Copy(IMessage message) => message.Descriptor.Parser.ParseFrom(message.ToByteString());

    // The vendors' documented examples where they exist (Tempo, Coroot), completed so that every field is set.
    private static IMessage ExpectedPayload(string product) => product switch
    {
        "tempo" => FullPayload.Complete(JsonParser.Default.Parse<TempoReport>(ReadGolden("tempo-example.json"))),
        "coroot" => FullPayload.Complete(JsonParser.Default.Parse<CorootReport>(WithoutComments(ReadGolden("coroot-example.jsonc")))),
        "mimir" => FullPayload.Complete(new MimirReport()),
        "influxdb" => FullPayload.Complete(new InfluxDbReport()),
        _ => FullPayload.Complete(new QdrantReport()),
    };

    private static string ReadGolden(string name) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", name));

    private static string WithoutComments(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return JsonSerializer.Serialize(document.RootElement);
    }

    private TelemetryReporterOptions Options(Uri endpoint, string product) => ReporterOptions.ForCollector(endpoint, product, _dataDirectory);
}
