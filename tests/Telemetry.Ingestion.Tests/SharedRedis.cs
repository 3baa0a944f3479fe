using Telemetry.Testing;

namespace Telemetry.Ingestion.Tests;

/// <summary>Set-up for every fixture of the assembly: one redis-server for every test that does not stop it; tests keep apart by key prefix.</summary>
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
