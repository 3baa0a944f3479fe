using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Testing;

namespace Telemetry.Ingestion.Tests.Infrastructure;

/// <summary>
/// The ingestion services as the host registers them (<c>AddIngestionPipeline</c>), against a test Redis, with a
/// key prefix of the current test's own so tests never see each other's keys.
/// </summary>
internal static class IngestionServices
{
    public const string HashKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    public static ServiceProvider Create(RedisServer redis, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
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
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A key prefix unique to the running test: <c>test:&lt;hash of its full name&gt;:telemetry:v1:</c>.</summary>
    public static string TestPrefix()
    {
        var name = TestContext.CurrentContext.Test.FullName;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 6));
        return $"test:{hash}:telemetry:v1:";
    }
}
