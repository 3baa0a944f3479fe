using Telemetry.Testing;

namespace Telemetry.Ingestion.Tests;

/// <summary>Set-up for every fixture of the assembly: one redis-server for every test that does not stop it; tests keep apart by key prefix.</summary>
[SetUpFixture]
public sealed class SharedRedis
{
    private static RedisServer? s_server;

    public static RedisServer Server => s_server ?? throw new InvalidOperationException("The shared Redis is not started.");

    [OneTimeSetUp]
    public async Task StartAsync() => s_server = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (s_server is not null)
        {
            await s_server.DisposeAsync();
        }
    }
}
