using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>npm's @grpc/grpc-js as the client of the C# server, loading the proto at run time with @grpc/proto-loader.</summary>
[TestFixture]
public sealed class NodeClientTests : PeerClientTests
{
    protected override Task PreparePeerAsync()
    {
        PeerBuild.EnsureNodeModules();
        return Task.CompletedTask;
    }

    private protected override Task<ProcessResult> RunPeerAsync(string target, string check, TimeSpan timeout, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(
            "node",
            [
                Path.Combine(RepositoryPaths.PeerDirectory("node"), "peer_client.js"),
                "--target", target,
                "--check", check,
                "--proto", Path.Combine(RepositoryPaths.ProtoDirectory, RepositoryPaths.ProtoFile),
            ],
            timeout,
            cancellationToken: cancellationToken);
}
