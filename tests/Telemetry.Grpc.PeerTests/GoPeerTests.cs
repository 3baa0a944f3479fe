using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>
/// Debian's google.golang.org/grpc 1.33 as the client, built in GOPATH mode (no module proxy): the stubs come from
/// protoc-gen-go and protoc-gen-go-grpc as package <c>telemetry/peertest</c>, the peer is <c>Peers/go/main.go</c>.
/// </summary>
[TestFixture]
public sealed class GoPeerTests : PeerClientTests
{
    private const string GoPackage = "telemetry/peertest";

    private string Binary => Path.Combine(WorkDirectory.Path, "peerclient");

    protected override async Task PreparePeerAsync()
    {
        var source = Path.Combine(WorkDirectory.Path, "src");
        var main = Path.Combine(source, "peerclient");
        Directory.CreateDirectory(main);
        File.Copy(Path.Combine(RepositoryPaths.PeerDirectory("go"), "main.go"), Path.Combine(main, "main.go"));

        await RunSetupStepAsync("protoc", [
            $"-I{RepositoryPaths.ProtoDirectory}",
            $"--go_out={source}",
            $"--go_opt=M{RepositoryPaths.ProtoFile}={GoPackage}",
            $"--go-grpc_out={source}",
            $"--go-grpc_opt=M{RepositoryPaths.ProtoFile}={GoPackage}",
            RepositoryPaths.ProtoFile,
        ]);

        // The build cache outlives the temp directory so later runs skip recompiling grpc-go.
        var environment = new Dictionary<string, string>
        {
            ["GO111MODULE"] = "off",
            ["GOPATH"] = $"{WorkDirectory.Path}:/usr/share/gocode",
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "telemetry-peertests-go-build"),
            ["GOFLAGS"] = string.Empty,
        };
        await RunSetupStepAsync("go", ["build", "-o", Binary, "."], environment, main);
    }

    private protected override Task<ProcessResult> RunPeerAsync(string target, string check, TimeSpan timeout, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(Binary, ["-target", target, "-check", check], timeout, cancellationToken: cancellationToken);
}
