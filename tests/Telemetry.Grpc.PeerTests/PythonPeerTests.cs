using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>
/// Debian's python3-grpcio (gRPC C-core 1.51) as the client. Only <c>/usr/bin/python3</c> has the Debian modules;
/// the stubs come from protoc <c>--python_out</c> and <c>grpc_python_plugin</c>.
/// </summary>
[TestFixture]
public sealed class PythonPeerTests : PeerClientTests
{
    private const string Python = "/usr/bin/python3";

    protected override Task PreparePeerAsync() =>
        RunSetupStepAsync("protoc", [
            $"-I{RepositoryPaths.ProtoDirectory}",
            $"--python_out={WorkDirectory.Path}",
            $"--grpc_out={WorkDirectory.Path}",
            "--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin",
            RepositoryPaths.ProtoFile,
        ]);

    private protected override Task<ProcessResult> RunPeerAsync(string target, string check, TimeSpan timeout, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(
            Python,
            [Path.Combine(RepositoryPaths.PeerDirectory("python"), "peer_client.py"), "--target", target, "--check", check],
            timeout,
            new Dictionary<string, string> { ["PYTHONPATH"] = WorkDirectory.Path, ["PYTHONDONTWRITEBYTECODE"] = "1" },
            cancellationToken: cancellationToken);
}
