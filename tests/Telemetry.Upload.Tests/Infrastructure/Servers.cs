using StackExchange.Redis;
using Telemetry.Testing;

namespace Telemetry.Upload.Tests.Infrastructure;

/// <summary>
/// One Redis and one PostgreSQL per test run (started on first use), shared by the fixtures: each test has its own
/// key prefix and its own database, so tests never see each other's data. Tests that stop a server start their own.
/// </summary>
public static class Servers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RedisServer? _redis;
    private static PostgresServer? _postgres;
    private static ConnectionMultiplexer? _multiplexer;

    public static async Task<(RedisServer Server, IConnectionMultiplexer Multiplexer)> RedisAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _redis ??= await RedisServer.StartAsync();
            _multiplexer ??= await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
            return (_redis, _multiplexer);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<PostgresServer> PostgresAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _postgres ??= await PostgresServer.StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task StopAllAsync()
    {
        _multiplexer?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>A key prefix of its own for the current test.</summary>
    public static string KeyPrefix() =>
        "t:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(TestContext.CurrentContext.Test.FullName + Guid.NewGuid())))[..12] + ":";
}
