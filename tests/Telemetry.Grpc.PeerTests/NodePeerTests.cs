using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>
/// npm's @grpc/grpc-js as the client, loading the proto at run time with @grpc/proto-loader (installed by
/// <c>scripts/setup.sh</c> from package-lock.json).
/// </summary>
[TestFixture]
public sealed class NodePeerTests : PeerClientTests
{
    protected override Task PreparePeerAsync()
    {
        var grpcJs = Path.Combine(RepositoryPaths.Root, "node_modules", "@grpc", "grpc-js");
        Assert.That(Directory.Exists(grpcJs), Is.True, $"{grpcJs} is missing; run scripts/setup.sh (npm ci).");
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
