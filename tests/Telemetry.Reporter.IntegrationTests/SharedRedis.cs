using Telemetry.Testing;

namespace Telemetry.Reporter.IntegrationTests;

/// <summary>One real Redis for every test of the assembly; tests keep apart by key prefix.</summary>
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
