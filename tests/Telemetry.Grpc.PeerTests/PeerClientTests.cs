using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>
/// The checks every client peer runs against the C# server. Each test runs the peer once for one check; the peer
/// prints "PASS &lt;check&gt;: …" and exits 0, or "FAIL &lt;check&gt;: …" and exits 1.
/// </summary>
public abstract class PeerClientTests
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(20);

    private PeerTestServer? _server;

    private protected TemporaryDirectory WorkDirectory { get; } = new();

    [OneTimeSetUp]
    public async Task StartServerAndPreparePeerAsync()
    {
        _server = await PeerTestServer.StartAsync();
        await PreparePeerAsync();
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        WorkDirectory.Dispose();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_Name_ReturnsNameWithSequenceOne(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("unary", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task EchoStream_ThreeNames_EchoesEachInOrderThenOk(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("bidi", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_SleepBeyondDeadline_FailsWithDeadlineExceeded(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("deadline_exceeded", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_EmptyName_FailsWithInvalidArgumentNamingTheField(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("invalid_argument", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_UnregisteredService_FailsWithUnimplemented(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("unimplemented", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Call_MethodMissingFromServedService_FailsWithUnimplemented(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("unimplemented_method", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_EchoMetadataHeaders_ReturnsTextHeaderAndBinaryTrailer(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("metadata", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_SpecialStatusName_DeliversWhitespaceAndUnicodeMessageIntact(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("special_status", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_MessagesUnderAndOverReceiveLimit_EchoesOneAndRejectsOtherWithResourceExhausted(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("large_message", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Echo_GzipRequestAcceptingGzip_EchoesThroughGzipBothWays(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("compression", cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task EchoStream_EmptyNameAfterValidOne_EchoesFirstThenFailsWithInvalidArgument(CancellationToken cancellationToken)
    {
        await AssertCheckPassesAsync("bidi_error", cancellationToken);
    }

    /// <summary>Generates and builds what the peer needs into <see cref="WorkDirectory"/>.</summary>
    protected abstract Task PreparePeerAsync();

    /// <summary>Runs the peer for one check against <paramref name="target"/> (host:port).</summary>
    private protected abstract Task<ProcessResult> RunPeerAsync(string target, string check, TimeSpan timeout, CancellationToken cancellationToken);

    private async Task AssertCheckPassesAsync(string check, CancellationToken cancellationToken)
    {
        // Arrange
        var target = $"127.0.0.1:{_server!.Port}";

        // Act
        var result = await RunPeerAsync(target, check, CheckTimeout, cancellationToken);

        // Assert
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.StartsWith($"PASS {check}:"), result.ToString());
            Assert.That(lines, Has.None.StartsWith("FAIL"), result.ToString());
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        });
        TestContext.Out.WriteLine(result.StandardOutput.Trim());
    }
}
