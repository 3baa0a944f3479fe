namespace Telemetry.Grpc.PeerTests.Infrastructure;

/// <summary>
/// Generates and builds the peers into a temporary directory at test time; generated code is never committed.
/// </summary>
internal static class PeerBuild
{
    /// <summary>The only Python with Debian's grpcio and protobuf modules (a pyenv python3 may come first on PATH).</summary>
    public const string Python = "/usr/bin/python3";

    private const string GoPackage = "telemetry/peertest";

    /// <summary>Writes peer_test_pb2.py and peer_test_pb2_grpc.py (protoc and grpc_python_plugin) into <paramref name="directory"/>.</summary>
    public static Task GeneratePythonStubsAsync(string directory) =>
        RunStepAsync("protoc", [
            $"-I{RepositoryPaths.ProtoDirectory}",
            $"--python_out={directory}",
            $"--grpc_out={directory}",
            "--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin",
            RepositoryPaths.ProtoFile,
        ]);

    /// <summary>The environment a Python peer needs to import the stubs in <paramref name="directory"/>.</summary>
    public static Dictionary<string, string> PythonEnvironment(string directory) =>
        new() { ["PYTHONPATH"] = directory, ["PYTHONDONTWRITEBYTECODE"] = "1" };

    /// <summary>
    /// Builds <c>Peers/go/<paramref name="program"/>/main.go</c> against Debian's grpc-go in GOPATH mode (no module
    /// proxy), with the stubs generated as package <c>telemetry/peertest</c>. Returns the binary's path.
    /// </summary>
    public static async Task<string> BuildGoAsync(string directory, string program)
    {
        var source = Path.Combine(directory, "src");
        var main = Path.Combine(source, "peer" + program);
        Directory.CreateDirectory(main);
        File.Copy(Path.Combine(RepositoryPaths.PeerDirectory("go"), program, "main.go"), Path.Combine(main, "main.go"), overwrite: true);

        if (!File.Exists(Path.Combine(source, GoPackage, "peer_test.pb.go")))
        {
            await RunStepAsync("protoc", [
                $"-I{RepositoryPaths.ProtoDirectory}",
                $"--go_out={source}",
                $"--go_opt=M{RepositoryPaths.ProtoFile}={GoPackage}",
                $"--go-grpc_out={source}",
                $"--go-grpc_opt=M{RepositoryPaths.ProtoFile}={GoPackage}",
                RepositoryPaths.ProtoFile,
            ]);
        }

        // The build cache outlives the temp directory so later runs skip recompiling grpc-go.
        var environment = new Dictionary<string, string>
        {
            ["GO111MODULE"] = "off",
            ["GOPATH"] = $"{directory}:/usr/share/gocode",
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "telemetry-peertests-go-build"),
            ["GOFLAGS"] = string.Empty,
        };
        var binary = Path.Combine(directory, "peer" + program);
        await RunStepAsync("go", ["build", "-o", binary, "."], environment, main);
        return binary;
    }

    /// <summary>Fails the fixture, with the tool's output, when <c>node_modules</c> lacks @grpc/grpc-js.</summary>
    public static void EnsureNodeModules()
    {
        var grpcJs = Path.Combine(RepositoryPaths.Root, "node_modules", "@grpc", "grpc-js");
        Assert.That(Directory.Exists(grpcJs), Is.True, $"{grpcJs} is missing; run scripts/setup.sh (npm ci).");
    }

    private static async Task RunStepAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var result = await ChildProcess.RunAsync(fileName, arguments, TimeSpan.FromMinutes(5), environment, workingDirectory);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} failed: {result}");
        }
    }
}
