using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>Debian's python3-grpcio (gRPC C-core 1.51) as the client of the C# server.</summary>
[TestFixture]
public sealed class PythonClientTests : PeerClientTests
{
    protected override Task PreparePeerAsync() => PeerBuild.GeneratePythonStubsAsync(WorkDirectory.Path);

    private protected override Task<ProcessResult> RunPeerAsync(string target, string check, TimeSpan timeout, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(
            PeerBuild.Python,
            [Path.Combine(RepositoryPaths.PeerDirectory("python"), "peer_client.py"), "--target", target, "--check", check],
            timeout,
            PeerBuild.PythonEnvironment(WorkDirectory.Path),
            cancellationToken: cancellationToken);
}
