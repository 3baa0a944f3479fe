namespace Telemetry.Grpc.PeerTests.Infrastructure;

/// <summary>Locations in the source tree: the peer scripts and the proto are used from where they are checked in.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ProjectDirectory => Path.Combine(Root, "tests", "Telemetry.Grpc.PeerTests");

    public static string ProtoDirectory => Path.Combine(ProjectDirectory, "Protos");

    public const string ProtoFile = "peer_test.proto";

    public static string PeerDirectory(string language) => Path.Combine(ProjectDirectory, "Peers", language);

    public static string Buf => Path.Combine(Root, "node_modules", ".bin", "buf");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Telemetry.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Telemetry.sln not found above {AppContext.BaseDirectory}.");
    }
}
