using Telemetry.Grpc.Tests.Infrastructure;

namespace Telemetry.Grpc.Tests.Interop;

/// <summary>The official gRPC interop client (Debian ruby-grpc) against our TestService, one process per case.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class RubyInteropClientTests
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(30);
    private TestHost _host = null!;

    public static IEnumerable<string> Cases =>
    [
        "empty_unary",
        "large_unary",
        "client_streaming",
        "server_streaming",
        "ping_pong",
        "empty_stream",
        "client_compressed_unary",
        "client_compressed_streaming",
        "custom_metadata",
        "status_code_and_message",
        "timeout_on_sleeping_server",
        "cancel_after_begin",
        "cancel_after_first_response",
        "unimplemented_method",
        "unimplemented_service",
    ];

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Assert.That(ExternalProcess.RubyInteropDirectory, Is.Not.Empty, "Debian package ruby-grpc is not installed (scripts/setup.sh)");
        _host = await TestHost.StartAsync(grpc => grpc.AddService<InteropTestService>(InteropTestService.Descriptor));
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _host.DisposeAsync();

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(60_000)]
    public async Task RubyClient_TestCase_Passes(string testCase, CancellationToken cancellationToken)
    {
        // Act
        var (exitCode, output) = await ExternalProcess.RunAsync(
            "ruby",
            [
                Path.Combine(ExternalProcess.RubyInteropDirectory, "client.rb"),
                "--server_host=127.0.0.1",
                $"--server_port={_host.Address.Port}",
                "--use_tls=false",
                $"--test_case={testCase}",
            ],
            CaseTimeout);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain($"OK: {testCase}"));
        });
    }
}
