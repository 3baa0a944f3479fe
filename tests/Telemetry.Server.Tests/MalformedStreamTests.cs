using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// A message that is not protobuf arrives on a report stream whose request side stays open: the reports read
/// before it are acknowledged and the call ends at once with INTERNAL, and such calls do not poison the connection
/// they share with valid ones.
/// </summary>
[TestFixture]
public sealed class MalformedStreamTests
{
    private static readonly Dictionary<string, string?> GenerousLimits = new()
    {
        ["RateLimiting:Default:ReportsPerHour"] = "3600000",
        ["RateLimiting:Default:Burst"] = "100000",
    };

    /// <summary>StreamReports with raw request bytes, so a test can send what no generated client would.</summary>
    private static readonly Method<byte[], StreamReportsResponse> RawStreamReports = new(
        MethodType.DuplexStreaming,
        IngestService.Descriptor.FullName,
        "StreamReports",
        Marshallers.Create(bytes => bytes, bytes => bytes),
        Marshallers.Create(message => message.ToByteArray(), StreamReportsResponse.Parser.ParseFrom));

    private static readonly byte[] NotProtobuf = [0xFF, 0xFF, 0xFF];

    [Test]
    [CancelAfter(30_000)]
    public async Task StreamReports_MalformedMessageAfterReports_AcknowledgesThemAndEndsInternal(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        var reports = Enumerable.Range(0, 20).Select(_ => Reports.Generic()).ToList();
        using var call = collector.Channel.CreateCallInvoker().AsyncDuplexStreamingCall(RawStreamReports, null, new CallOptions(cancellationToken: cancellationToken));

        // Act: the request side is never completed.
        foreach (var report in reports)
        {
            await call.RequestStream.WriteAsync(new StreamReportsRequest { Report = report }.ToByteArray(), cancellationToken);
        }

        await call.RequestStream.WriteAsync(NotProtobuf, cancellationToken);
        var acknowledged = new List<string>();
        var ended = Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                acknowledged.Add(call.ResponseStream.Current.Result.ReportId);
            }
        });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ended?.StatusCode, Is.EqualTo(StatusCode.Internal));
            Assert.That(ended?.Status.Detail, Does.Contain("telemetry.v1.StreamReportsRequest"));
            Assert.That(acknowledged, Is.EquivalentTo(reports.Select(r => r.ReportId)));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task StreamReports_ThousandMalformedCallsOnOneConnection_ValidCallsSharingItSucceed(CancellationToken cancellationToken)
    {
        // Arrange: one HTTP/2 connection for everything (a second one would hide a connection the server gave up on).
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), GenerousLimits, cancellationToken: cancellationToken);
        using var channel = GrpcChannel.ForAddress(collector.Endpoint, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        });
        var invoker = channel.CreateCallInvoker();
        var client = new IngestService.IngestServiceClient(channel);
        var malformed = new Dictionary<StatusCode, int>();
        var valid = new List<ReportOutcome>();

        // Act: a thousand calls that send a bad message and never complete their request side, as fast as they
        // end, with a valid call on the same connection after every hundred.
        for (var i = 1; i <= 1000; i++)
        {
            using var call = invoker.AsyncDuplexStreamingCall(RawStreamReports, null, new CallOptions(cancellationToken: cancellationToken));
            await call.RequestStream.WriteAsync(NotProtobuf, cancellationToken);
            var ended = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(cancellationToken));
            malformed[ended!.StatusCode] = malformed.GetValueOrDefault(ended.StatusCode) + 1;
            if (i % 100 == 0)
            {
                var response = await client.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, cancellationToken: cancellationToken);
                valid.Add(response.Results[0].Outcome);
            }
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(malformed, Is.EquivalentTo(new Dictionary<StatusCode, int> { [StatusCode.Internal] = 1000 }));
            Assert.That(valid, Has.Count.EqualTo(10).And.All.EqualTo(ReportOutcome.Accepted));
        });
    }
}
