namespace Telemetry.Grpc.PeerTests.Infrastructure;

/// <summary>A directory under the system temp path, deleted on dispose; peers generate their code into it.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("telemetry-peertests-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; a failed cleanup must not fail the tests.
        }
    }
}
