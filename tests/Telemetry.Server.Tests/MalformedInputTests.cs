using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// Bytes no well-behaved client sends, written straight onto an HTTP/2 stream: each gets a clear gRPC status,
/// and the collector keeps serving.
/// </summary>
[TestFixture]
public sealed class MalformedInputTests
{
    private const string Path = "/telemetry.v1.IngestService/IngestReports";

    // grpc-dotnet answers a compressed flag other than 0 or 1 as a failing handler: UNKNOWN.
    [TestCase(new byte[] { 2, 0, 0, 0, 1, 0 }, "2", TestName = "CompressedFlagOutOfRange_ReturnsUnknown")]
    [TestCase(new byte[] { 1, 0, 0, 0, 1, 0 }, "13", TestName = "CompressedFlagWithoutEncoding_ReturnsInternal")]
    [TestCase(new byte[] { 0, 0, 0, 0, 100, 1, 2, 3 }, "13", TestName = "TruncatedMessage_ReturnsInternal")]
    [TestCase(new byte[] { 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF }, "13", TestName = "InvalidProtobuf_ReturnsInternal")]
    [TestCase(new byte[] { 0, 0x7F, 0xFF, 0xFF, 0xFF }, "8", TestName = "MessageLargerThanTheLimit_ReturnsResourceExhausted")]
    public async Task IngestReports_MalformedBody_AnswersStatusAndKeepsServing(byte[] body, string expectedStatus)
    {
        // Arrange
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellation.Token);

        // Act
        var (httpStatus, grpcStatus, message) = await PostAsync(collector, body, "application/grpc", cancellation.Token);
        var next = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } },
            new CallOptions(cancellationToken: cancellation.Token));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(httpStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(grpcStatus, Is.EqualTo(expectedStatus), message);
            Assert.That(message, Is.Not.Empty);
            Assert.That(next.Results.Single().Outcome, Is.EqualTo(ReportOutcome.Accepted));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task IngestReports_JsonContentType_ReturnsUnsupportedMediaType(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellationToken);

        // Act
        var (httpStatus, _, message) = await PostAsync(collector, "{}"u8.ToArray(), "application/json", cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(httpStatus, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(message, Does.Contain("application/json"));
        });
    }

    [TestCase("application/grpc+json", TestName = "GrpcJsonContentType_ReturnsUnimplementedWithoutIngesting")]
    [TestCase("application/grpc+json; charset=utf-8", TestName = "GrpcJsonContentTypeWithParameter_ReturnsUnimplementedWithoutIngesting")]
    [TestCase("application/GRPC+Thrift", TestName = "GrpcThriftContentType_ReturnsUnimplementedWithoutIngesting")]
    [CancelAfter(20_000)]
    public async Task IngestReports_NonProtobufContentSubtype_ReturnsUnimplementedWithoutIngesting(string contentType, CancellationToken cancellationToken)
    {
        // Arrange: a valid protobuf request, which the collector would accept under application/grpc.
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellationToken);
        var report = Reports.Generic();
        var body = Framed(new IngestReportsRequest { Reports = { report } });

        // Act
        var (httpStatus, grpcStatus, message) = await PostAsync(collector, body, contentType, cancellationToken);
        var (protoStatus, protoGrpcStatus, _) = await PostAsync(collector, Framed(new IngestReportsRequest { Reports = { Reports.Generic() } }),
            "application/grpc+proto", cancellationToken);
        var buffered = await collector.BufferedReportIdsAsync(SharedRedis.Server);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(httpStatus, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(grpcStatus, Is.EqualTo("12"), message);
            Assert.That(message, Does.Contain(contentType).And.Contain("application/grpc+proto"));
            Assert.That(buffered, Does.Not.Contain(report.ReportId));
            Assert.That((protoStatus, protoGrpcStatus), Is.EqualTo((HttpStatusCode.OK, "0")), "application/grpc+proto is protobuf");
        });
    }

    [TestCase("/telemetry.v1.IngestService/IngestEverything", TestName = "UnknownMethod_ReturnsUnimplemented")]
    [TestCase("/telemetry.v2.IngestService/IngestReports", TestName = "UnknownService_ReturnsUnimplemented")]
    [CancelAfter(20_000)]
    public async Task Call_UnknownPath_ReturnsUnimplementedAndKeepsServing(string path, CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellationToken);

        // Act
        var (httpStatus, grpcStatus, message) = await PostAsync(collector, [0, 0, 0, 0, 0], "application/grpc", cancellationToken, path);
        var next = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, cancellationToken: cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(httpStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(grpcStatus, Is.EqualTo("12"), message);
            Assert.That(message, Is.Not.Empty);
            Assert.That(next.Results.Single().Outcome, Is.EqualTo(ReportOutcome.Accepted));
        });
    }

    private static async Task<(HttpStatusCode Status, string? GrpcStatus, string Message)> PostAsync(
        Collector collector, byte[] body, string contentType, CancellationToken cancellationToken, string path = Path)
    {
        using var client = new HttpClient(new SocketsHttpHandler());
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(collector.Endpoint, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await client.SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var grpcStatus = Header(response, "grpc-status");
        var message = Uri.UnescapeDataString(Header(response, "grpc-message") ?? string.Empty);
        return (response.StatusCode, grpcStatus, message);
    }

    /// <summary>A message in gRPC's length-prefixed framing, uncompressed.</summary>
    private static byte[] Framed(IMessage message)
    {
        var payload = message.ToByteArray();
        var framed = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), payload.Length);
        payload.CopyTo(framed, 5);
        return framed;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.First()
        : response.Headers.TryGetValues(name, out var header) ? header.First()
        : null;
}
