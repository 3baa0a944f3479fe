using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Diagnostics;
using Telemetry.Ingestion.Pipeline;
using Telemetry.Ingestion.RateLimiting;
using Telemetry.Ingestion.Tests.Infrastructure;
using Telemetry.Ingestion.Validation;

namespace Telemetry.Ingestion.Tests;

[TestFixture]
public sealed class IngestionServiceCollectionExtensionsTests
{
    [Test]
    public void AddIngestionPipeline_EmptyConfigurationButKey_BindsDocumentedDefaults()
    {
        // Arrange
        using var provider = Build(new Dictionary<string, string?> { ["Privacy:HashKey"] = IngestionServices.HashKey });

        // Act
        var redis = provider.GetRequiredService<IOptions<RedisOptions>>().Value;
        var buffer = provider.GetRequiredService<IOptions<BufferOptions>>().Value;
        var limits = provider.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var validation = provider.GetRequiredService<IOptions<ValidationOptions>>().Value;
        var authentication = provider.GetRequiredService<IOptions<AuthenticationOptions>>().Value;
        var metrics = provider.GetRequiredService<IOptions<MetricsOptions>>().Value;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(redis.Configuration, Is.EqualTo("127.0.0.1:6379"));
            Assert.That(redis.KeyPrefix, Is.EqualTo("telemetry:v1:"));
            Assert.That(buffer.Shards, Is.EqualTo(4));
            Assert.That(buffer.MaxRedisMemoryFraction, Is.EqualTo(0.9));
            Assert.That(buffer.MemoryCheckInterval, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(buffer.MaxEntriesPerShard, Is.EqualTo(1_000_000));
            Assert.That(buffer.MaxBytesPerShard, Is.EqualTo(1L << 30));
            Assert.That(limits.Default.ReportsPerHour, Is.EqualTo(12));
            Assert.That(limits.Default.Burst, Is.EqualTo(6));
            Assert.That(validation.MaxStringLength, Is.EqualTo(1024));
            Assert.That(validation.MaxCollectionCount, Is.EqualTo(1000));
            Assert.That(validation.MaxReportAge, Is.EqualTo(TimeSpan.FromDays(7)));
            Assert.That(authentication.IngestKeys, Is.Empty);
            Assert.That(metrics.BufferInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(provider.GetServices<IHostedService>().Count(), Is.EqualTo(3), "the buffer initializer, the buffer gauges' sampler and the Redis memory watcher");
        });
    }

    [TestCase(null, "Privacy:HashKey is required")]
    [TestCase("not base64!", "not valid base64")]
    [TestCase("c2hvcnQ=", "decodes to 5 bytes; at least 32")]
    public void ValidateOnStart_BadHashKey_FailsWithHowToGenerate(string? key, string expected)
    {
        // Arrange
        using var provider = Build(new Dictionary<string, string?> { ["Privacy:HashKey"] = key });

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.Contain(expected));
            Assert.That(exception.Message, Does.Contain("openssl rand -base64 32"));
        });
    }

    [Test]
    public void ValidateOnStart_RemovedDedupWindow_FailsNamingTheReplacement()
    {
        // Arrange
        using var provider = Build(new Dictionary<string, string?> { ["Privacy:HashKey"] = IngestionServices.HashKey, ["Buffer:DedupWindow"] = "1.00:00:00" });

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // Assert
        Assert.That(exception!.Message, Does.Contain("Buffer:DedupWindow was removed").And.Contain("Buffer:MaxRedisMemoryFraction"));
    }

    [TestCase("Buffer:Shards", "0")]
    [TestCase("Buffer:MaxRedisMemoryFraction", "1.5")]
    [TestCase("Buffer:LowWaterFraction", "1.5")]
    [TestCase("Validation:MaxStringLength", "0")]
    [TestCase("RateLimiting:Default:Burst", "0")]
    [TestCase("RateLimiting:Products:mimir:ReportsPerHour", "0")]
    [TestCase("Redis:KeyPrefix", "telemetry:{v1}:")]
    public void ValidateOnStart_OutOfRangeSetting_Fails(string setting, string value)
    {
        // Arrange
        using var provider = Build(new Dictionary<string, string?> { ["Privacy:HashKey"] = IngestionServices.HashKey, [setting] = value });

        // Act and assert
        Assert.That(() => provider.GetRequiredService<IStartupValidator>().Validate(), Throws.InstanceOf<OptionsValidationException>());
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AddIngestionPipeline_RedisDown_ResolvesAndStartsWithoutThrowing(CancellationToken cancellationToken)
    {
        // Arrange: nothing listens on this port.
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Privacy:HashKey"] = IngestionServices.HashKey,
            ["Redis:Configuration"] = $"127.0.0.1:{Telemetry.Testing.FreePort.Next()},connectTimeout=200",
        });

        // Act
        var redis = provider.GetRequiredService<IConnectionMultiplexer>();
        var pipeline = provider.GetRequiredService<IngestionPipeline>();
        foreach (var hostedService in provider.GetServices<IHostedService>())
        {
            await hostedService.StartAsync(cancellationToken);
        }

        // Assert: the buffer's streams are created on first append instead.
        Assert.Multiple(() =>
        {
            Assert.That(redis.IsConnected, Is.False);
            Assert.That(pipeline, Is.Not.Null);
        });
        ((ConnectionMultiplexer)redis).Close(allowCommandsToComplete: false);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIngestionPipeline(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
