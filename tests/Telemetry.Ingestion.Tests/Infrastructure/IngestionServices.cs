using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Testing;

namespace Telemetry.Ingestion.Tests.Infrastructure;

/// <summary>
/// The ingestion services as the host registers them (<c>AddIngestionPipeline</c>), against a test Redis, with a
/// key prefix of the current test's own so tests never see each other's keys. Each instance has its own
/// ConnectionMultiplexer, like one replica of the service.
/// </summary>
internal sealed class IngestionServices : IDisposable
{
    public const string HashKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private readonly ServiceProvider _provider;

    private IngestionServices(ServiceProvider provider, ConnectionMultiplexer redis)
    {
        _provider = provider;
        Redis = redis;
    }

    public ConnectionMultiplexer Redis { get; }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static IngestionServices Create(RedisServer redis, IDictionary<string, string?>? settings = null, IMeterFactory? meters = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.ConnectionString,
            ["Redis:KeyPrefix"] = TestPrefix(),
            ["Privacy:HashKey"] = HashKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIngestionPipeline(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        if (meters is not null)
        {
            services.AddSingleton(meters);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // The multiplexer is created here rather than by the container: 1.2.6's Dispose waits about two seconds
        // for QUIT, which would dominate the suite; Close(false) below does not.
        var multiplexer = RedisServiceCollectionExtensions.Connect(provider.GetRequiredService<IOptions<RedisOptions>>().Value);
        provider.Dispose();
        services.AddSingleton<IConnectionMultiplexer>(multiplexer);
        return new IngestionServices(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), multiplexer);
    }

    /// <summary>A key prefix unique to the running test: <c>test:&lt;hash of its full name&gt;:telemetry:v1:</c>.</summary>
    public static string TestPrefix()
    {
        var name = TestContext.CurrentContext.Test.FullName;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 6));
        return $"test:{hash}:telemetry:v1:";
    }

    public void Dispose()
    {
        _provider.Dispose();
        Redis.Close(allowCommandsToComplete: false);
    }
}
