using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>The project's client against Debian's python3-grpcio (gRPC C-core 1.51) as the server.</summary>
[TestFixture]
public sealed class PythonServerTests : PeerServerTests
{
    private protected override async Task<PeerServerProcess> StartServerAsync()
    {
        await PeerBuild.GeneratePythonStubsAsync(WorkDirectory.Path);
        return await PeerServerProcess.StartAsync(
            PeerBuild.Python,
            [Path.Combine(RepositoryPaths.PeerDirectory("python"), "peer_server.py")],
            PeerBuild.PythonEnvironment(WorkDirectory.Path));
    }
}
