using System.Diagnostics;
using Telemetry.Grpc.Tests.Infrastructure;

namespace Telemetry.Grpc.Tests.Interop;

/// <summary>The project's client against the official Ruby interop server (Debian ruby-grpc).</summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class RubyInteropServerTests
{
    private Process? _server;
    private GrpcChannel _channel = null!;

    /// <summary>
    /// The cases the Ruby server supports: it implements no compression, so the compression cases run against our
    /// own server only (<see cref="OwnInteropTests"/>).
    /// </summary>
    public static IEnumerable<string> Cases =>
    [
        "empty_unary",
        "large_unary",
        "client_streaming",
        "server_streaming",
        "ping_pong",
        "empty_stream",
        "custom_metadata",
        "status_code_and_message",
        "special_status_message",
        "timeout_on_sleeping_server",
        "cancel_after_begin",
        "cancel_after_first_response",
        "unimplemented_method",
        "unimplemented_service",
    ];

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.That(ExternalProcess.RubyInteropDirectory, Is.Not.Empty, "Debian package ruby-grpc is not installed (scripts/setup.sh)");
        var port = ExternalProcess.GetFreePort();
        _server = ExternalProcess.Start(
            "ruby",
            [Path.Combine(ExternalProcess.RubyInteropDirectory, "server.rb"), $"--port={port}", "--use_tls=false"],
            out var output);
        await ExternalProcess.WaitForPortAsync(port, _server, output, timeout.Token);
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
            _server.Dispose();
        }
    }

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(20_000)]
    public async Task OurClient_TestCase_Passes(string testCase, CancellationToken cancellationToken) =>
        await new InteropClient(_channel).RunAsync(testCase, cancellationToken);
}
