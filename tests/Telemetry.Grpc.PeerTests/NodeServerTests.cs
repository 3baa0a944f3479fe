using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>The project's client against npm's @grpc/grpc-js as the server.</summary>
[TestFixture]
public sealed class NodeServerTests : PeerServerTests
{
    private protected override Task<PeerServerProcess> StartServerAsync()
    {
        PeerBuild.EnsureNodeModules();
        return PeerServerProcess.StartAsync(
            "node",
            [
                Path.Combine(RepositoryPaths.PeerDirectory("node"), "peer_server.js"),
                "--proto", Path.Combine(RepositoryPaths.ProtoDirectory, RepositoryPaths.ProtoFile),
            ]);
    }
}
