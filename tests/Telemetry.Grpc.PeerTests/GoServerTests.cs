using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>The project's client against Debian's google.golang.org/grpc 1.33 as the server.</summary>
[TestFixture]
public sealed class GoServerTests : PeerServerTests
{
    private protected override async Task<PeerServerProcess> StartServerAsync() =>
        await PeerServerProcess.StartAsync(await PeerBuild.BuildGoAsync(WorkDirectory.Path, "server"), []);
}
