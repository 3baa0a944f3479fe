namespace Telemetry.Testing;

/// <summary>Locations in the source tree, for tests that run the repository's tools.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>buf</c>, installed from npm by scripts/setup.sh.</summary>
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
