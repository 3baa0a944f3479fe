using Telemetry.Testing;

namespace Telemetry.Server.Tests;

/// <summary>One redis-server for the fixtures that do not stop it; tests keep apart by key prefix.</summary>
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
