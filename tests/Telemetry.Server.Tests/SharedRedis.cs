using Telemetry.Testing;

namespace Telemetry.Server.Tests;

/// <summary>One redis-server for the fixtures that do not stop it; tests keep apart by key prefix.</summary>
[SetUpFixture]
public sealed class SharedRedis
{
    private static RedisServer? _server;

    public static RedisServer Server => _server ?? throw new InvalidOperationException("The shared Redis is not started.");

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
