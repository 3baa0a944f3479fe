using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Telemetry.Ingestion.Diagnostics;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Server.Tests.Otlp;
using Telemetry.Testing;
using Telemetry.Upload;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>The collector's spans, as an OTLP receiver gets them.</summary>
[TestFixture]
public sealed class TracingTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Export_ReportFromTracedReporter_IngestAndUploadSpansReachOtlpReceiver(CancellationToken cancellationToken)
    {
        // Arrange
        await using var receiver = await OtlpReceiver.StartAsync(cancellationToken);
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["Upload:RunInCollector"] = "true",
            ["Upload:BatchMaxAge"] = "00:00:00.050",
        }, cancellationToken: cancellationToken);
        // The reporter's span, propagated the W3C way as any instrumented gRPC client does.
        var reporterTrace = ActivityTraceId.CreateRandom();
        var reporterSpan = ActivitySpanId.CreateRandom();
        var headers = new Metadata { { "traceparent", $"00-{reporterTrace.ToHexString()}-{reporterSpan.ToHexString()}-01" } };

        // Act
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic(product: "example") } },
            new CallOptions(headers, cancellationToken: cancellationToken));
        var spans = await WaitForAsync(receiver, s => s.Any(x => x.Span.Name == "upload batch"), cancellationToken);

        // Assert: one ingest span per call, continuing the reporter's trace.
        var ingest = spans.Single(s => s.Span.Name == "ingest batch");
        var upload = spans.First(s => s.Span.Name == "upload batch");
        Assert.Multiple(() =>
        {
            Assert.That(ingest.Scope, Is.EqualTo(IngestionMetrics.MeterName));
            Assert.That(Hex(ingest.Span.TraceId), Is.EqualTo(reporterTrace.ToHexString()), "the ingest span continues the reporter's trace");
            Assert.That(Attribute(ingest.Span, IngestionTracing.ProductAttribute), Is.EqualTo("example"));
            Assert.That(Attribute(ingest.Span, IngestionMetrics.OutcomeAttribute), Is.EqualTo("accepted"));
            Assert.That(Attribute(ingest.Span, IngestionTracing.OutcomeCountPrefix + "accepted"), Is.EqualTo(1L));
            Assert.That(Attribute(ingest.Span, IngestionTracing.ReportCountAttribute), Is.EqualTo(1L));
            Assert.That(upload.Scope, Is.EqualTo(UploadMetrics.MeterName));
            Assert.That(Attribute(upload.Span, UploadMetrics.SinkAttribute), Is.EqualTo("files"));
            Assert.That(Attribute(upload.Span, UploadMetrics.ShardAttribute), Is.InRange(0L, 3L));
            Assert.That(Attribute(upload.Span, UploadTracing.ReportCountAttribute), Is.EqualTo(1L));
            Assert.That(Attribute(upload.Span, UploadTracing.OutcomeAttribute), Is.EqualTo("stored"));
            Assert.That(spans.Select(s => s.Span.Name), Has.None.Contains("/metrics"), "scrapes and probes are not traced");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Export_BatchWithAcceptedAndRejectedReports_OneSpanCountsEachOutcome(CancellationToken cancellationToken)
    {
        // Arrange
        await using var receiver = await OtlpReceiver.StartAsync(cancellationToken);
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        }, cancellationToken: cancellationToken);
        var invalid = Reports.Generic(product: "example");
        invalid.SchemaVersion = 0;

        // Act
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest
        {
            Reports = { Reports.Generic(product: "example"), Reports.Generic(product: "other"), invalid },
        }, cancellationToken: cancellationToken);
        var spans = await WaitForAsync(receiver, s => s.Any(x => x.Span.Name == "ingest batch"), cancellationToken);

        // Assert
        var ingest = spans.Single(s => s.Span.Name == "ingest batch").Span;
        Assert.Multiple(() =>
        {
            Assert.That(Attribute(ingest, IngestionTracing.ReportCountAttribute), Is.EqualTo(3L));
            Assert.That(Attribute(ingest, IngestionTracing.OutcomeCountPrefix + "accepted"), Is.EqualTo(2L));
            Assert.That(Attribute(ingest, IngestionTracing.OutcomeCountPrefix + "rejected"), Is.EqualTo(1L));
            Assert.That(Attribute(ingest, IngestionMetrics.FieldPathAttribute), Is.EqualTo("schema_version"));
            Assert.That(Attribute(ingest, IngestionMetrics.OutcomeAttribute), Is.Null, "the outcomes differ");
            Assert.That(Attribute(ingest, IngestionTracing.ProductAttribute), Is.Null, "the products differ");
        });
    }

    private static async Task<IReadOnlyList<(string Scope, Span Span)>> WaitForAsync(
        OtlpReceiver receiver, Func<IReadOnlyList<(string Scope, Span Span)>, bool> done, CancellationToken cancellationToken)
    {
        while (!done(receiver.Spans))
        {
            await Task.Delay(50, cancellationToken);
        }

        return receiver.Spans;
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static object? Attribute(Span span, string key)
    {
        var value = span.Attributes.SingleOrDefault(a => a.Key == key)?.Value;
        return value?.ValueCase switch
        {
            AnyValue.ValueOneofCase.StringValue => value.StringValue,
            AnyValue.ValueOneofCase.IntValue => value.IntValue,
            AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
            AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
            _ => null,
        };
    }
}
