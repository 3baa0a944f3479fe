using Telemetry.Grpc.PeerTests.Infrastructure;

namespace Telemetry.Grpc.PeerTests;

/// <summary>Debian's google.golang.org/grpc 1.33 as the client of the C# server.</summary>
[TestFixture]
public sealed class GoClientTests : PeerClientTests
{
    private string? _binary;

    protected override async Task PreparePeerAsync()
    {
        _binary = await PeerBuild.BuildGoAsync(WorkDirectory.Path, "client");
    }

    private protected override Task<ProcessResult> RunPeerAsync(string target, string check, TimeSpan timeout, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(_binary!, ["-target", target, "-check", check], timeout, cancellationToken: cancellationToken);
}
