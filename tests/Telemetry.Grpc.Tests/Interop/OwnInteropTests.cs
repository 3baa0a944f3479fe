using Telemetry.Grpc.Tests.Infrastructure;

namespace Telemetry.Grpc.Tests.Interop;

/// <summary>The project's client against the project's server, every interop case including compression.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class OwnInteropTests
{
    private TestHost _host = null!;
    private GrpcChannel _channel = null!;

    public static IEnumerable<string> Cases =>
    [
        "empty_unary",
        "large_unary",
        "client_compressed_unary",
        "server_compressed_unary",
        "client_streaming",
        "client_compressed_streaming",
        "server_streaming",
        "server_compressed_streaming",
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
        _host = await TestHost.StartAsync(grpc => grpc.AddService<InteropTestService>());
        _channel = GrpcChannel.ForAddress(_host.Address);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(20_000)]
    public async Task OurClient_TestCase_Passes(string testCase, CancellationToken cancellationToken) =>
        await new InteropClient(_channel).RunAsync(testCase, cancellationToken);
}
