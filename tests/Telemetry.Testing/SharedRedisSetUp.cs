namespace Telemetry.Testing;

/// <summary>
/// One redis-server for every test of an assembly that does not stop it; tests keep apart by key prefix. A test
/// assembly declares <c>[SetUpFixture] public sealed class SharedRedis : SharedRedisSetUp;</c> in its root namespace.
/// </summary>
public abstract class SharedRedisSetUp
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
            _server = null;
        }
    }
}
