using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Telemetry.Grpc.PeerTests.Infrastructure;
using Telemetry.Peertest.V1;

namespace Telemetry.Grpc.PeerTests;

/// <summary>
/// nghttp (Debian nghttp2-client), a plain HTTP/2 client with no gRPC logic, against the C# server: it shows what
/// the server itself puts on the wire, e.g. for a deadline that real gRPC clients would also enforce locally.
/// </summary>
[TestFixture]
public sealed partial class NghttpTests
{
    private PeerTestServer? _server;
    private TemporaryDirectory? _directory;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _directory = new TemporaryDirectory();
        _server = await PeerTestServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _directory?.Dispose();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_TimeoutShorterThanSleep_ServerEndsCallWithDeadlineExceededAtTheDeadline(CancellationToken cancellationToken)
    {
        // Arrange
        var body = WriteRequest(new EchoRequest { Name = "slow", SleepMs = 5_000 });

        // Act
        var result = await NghttpAsync(body, "/telemetry.peertest.v1.PeerTestService/Echo", ["-H", "grpc-timeout: 200m"], cancellationToken);

        // Assert: nghttp has no deadline of its own, so the status comes from the server, long before the sleep ends.
        // The client had half-closed, so the END_STREAM of the status closes the stream; a reset may follow, but only
        // with CANCEL (HttpContext.Abort's INTERNAL_ERROR would make clients report INTERNAL).
        var status = StatusLine().Match(result.StandardOutput);
        Assert.Multiple(() =>
        {
            Assert.That(status.Success, Is.True, result.ToString());
            Assert.That(status.Groups["code"].Value, Is.EqualTo("4"), result.ToString());
            Assert.That(double.Parse(status.Groups["time"].Value, CultureInfo.InvariantCulture), Is.InRange(0.15, 2.0), result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("grpc-message: Deadline Exceeded"), result.ToString());
            Assert.That(ResetLine().Matches(result.StandardOutput).Select(m => m.Groups["error"].Value), Is.All.EqualTo("CANCEL"), result.ToString());
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_Name_AnswersHeadersMessageAndOkTrailers(CancellationToken cancellationToken)
    {
        // Arrange
        var body = WriteRequest(new EchoRequest { Name = "nghttp" });

        // Act
        var result = await NghttpAsync(body, "/telemetry.peertest.v1.PeerTestService/Echo", [], cancellationToken);

        // Assert
        var output = result.StandardOutput;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(output, Does.Contain(":status: 200").And.Contain("content-type: application/grpc"), result.ToString());
            Assert.That(output, Does.Contain("recv DATA frame <length=15,"), "5-byte prefix + 10-byte EchoResponse");
            Assert.That(output, Does.Contain("grpc-status: 0"), result.ToString());
            Assert.That(output, Does.Not.Contain("RST_STREAM"), result.ToString());
        });
    }

    [GeneratedRegex(@"\[\s*(?<time>[0-9.]+)\] recv \(stream_id=13\) grpc-status: (?<code>\d+)")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"recv RST_STREAM frame[^\n]*\n\s*\(error_code=(?<error>[A-Z_]+)")]
    private static partial Regex ResetLine();

    private string WriteRequest(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        var path = Path.Combine(_directory!.Path, $"{TestContext.CurrentContext.Test.Name}.grpc");
        File.WriteAllBytes(path, frame);
        return path;
    }

    private Task<ProcessResult> NghttpAsync(string body, string path, IEnumerable<string> headers, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(
            "nghttp",
            ["-v", "-H", ":method: POST", "-H", "content-type: application/grpc", "-H", "te: trailers", .. headers, "-d", body, _server!.Address + path],
            TimeSpan.FromSeconds(20),
            cancellationToken: cancellationToken);
}
