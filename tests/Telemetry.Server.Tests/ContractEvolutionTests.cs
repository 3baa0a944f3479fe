using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// What changes between versions: a newer client's unknown fields are accepted but never stored, and settings of
/// an older collector that were renamed stop the start with the new name instead of being ignored.
/// </summary>
[TestFixture]
public sealed class ContractEvolutionTests
{
    /// <summary>IngestReports taking the request as raw bytes, so the test can send fields this contract lacks.</summary>
    private static readonly Method<byte[], IngestReportsResponse> RawIngestReports = new(
        MethodType.Unary,
        IngestService.Descriptor.FullName,
        "IngestReports",
        Marshallers.Create(bytes => bytes, bytes => bytes),
        Marshallers.Create(response => response.ToByteArray(), IngestReportsResponse.Parser.ParseFrom));

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_NewerClientWithUnknownFields_AcceptedAndBufferedWithoutThem(CancellationToken cancellationToken)
    {
        // Arrange: unknown fields on the report and on a message nested in it.
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellationToken);
        var report = Reports.Generic();
        var request = Concat(
            new IngestReportsRequest { RequestId = Guid.NewGuid().ToString() }.ToByteArray(),
            Field(IngestReportsRequest.ReportsFieldNumber, Concat(report.ToByteArray(), Field(98, "from a newer client"u8.ToArray()), Field(UsageReport.BuildFieldNumber, Field(77, "nested"u8.ToArray())))));

        // Act
        var response = await collector.Channel.CreateCallInvoker()
            .AsyncUnaryCall(RawIngestReports, null, new CallOptions(cancellationToken: cancellationToken), request);
        var stored = (await collector.BufferedReportsAsync(SharedRedis.Server)).Single();

        // Assert: the buffer's bytes parsed with a parser that keeps unknown fields equal the report without them.
        Assert.Multiple(() =>
        {
            Assert.That(response.Results.Single().Outcome, Is.EqualTo(ReportOutcome.Accepted));
            Assert.That(stored.ReportId, Is.EqualTo(report.ReportId));
            Assert.That(stored.Build.Version, Is.EqualTo(report.Build.Version));
            Assert.That(stored.ToByteArray(), Has.Length.EqualTo(StoredWithoutUnknownFields(report).CalculateSize()));
            Assert.That(stored, Is.EqualTo(StoredWithoutUnknownFields(report)));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public void Start_RenamedGrpcSetting_FailsNamingTheNewSetting(CancellationToken cancellationToken)
    {
        // Arrange
        var settings = new Dictionary<string, string?> { ["GrpcServer:MaxReceiveMessageSize"] = "1048576" };

        // Act
        var exception = Assert.ThrowsAsync<OptionsValidationException>(() =>
            Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), settings, cancellationToken: cancellationToken));

        // Assert
        Assert.That(exception!.Message, Does.Contain("GrpcServer:MaxReceiveMessageSize was renamed: set Grpc:MaxReceiveMessageSize instead."));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_MessageOverConfiguredLimit_ReturnsResourceExhaustedAndKeepsServing(CancellationToken cancellationToken)
    {
        // Arrange
        var settings = new Dictionary<string, string?> { ["Grpc:MaxReceiveMessageSize"] = "2048" };
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), settings, cancellationToken: cancellationToken);
        var large = new IngestReportsRequest { Reports = { Enumerable.Range(0, 20).Select(_ => Reports.Generic()) } };
        var options = new CallOptions(cancellationToken: cancellationToken);

        // Act
        var exception = Assert.ThrowsAsync<RpcException>(() => collector.Ingest.IngestReportsAsync(large, options).ResponseAsync);
        var next = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, options);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(large.CalculateSize(), Is.GreaterThan(2048));
            Assert.That(exception!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
            Assert.That(exception.Status.Detail, Does.Contain("maximum"));
            Assert.That(next.Results.Single().Outcome, Is.EqualTo(ReportOutcome.Accepted));
        });
    }

    /// <summary>The report as the collector stores it: its NEVER_STORED field (build_user) removed.</summary>
    private static UsageReport StoredWithoutUnknownFields(UsageReport report)
    {
        var stored = report.Clone();
        stored.Build.BuildUser = string.Empty;
        return stored;
    }

    private static byte[] Field(int number, byte[] value)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(value));
        output.Flush();
        return stream.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
