using Telemetry.Upload.Tests.Infrastructure;

namespace Telemetry.Upload.Tests;

/// <summary>Stops the shared servers after the last test of the assembly.</summary>
[SetUpFixture]
public sealed class ServersTeardown
{
    [OneTimeTearDown]
    public Task StopServersAsync() => Servers.StopAllAsync();
}
