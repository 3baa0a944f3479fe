using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Contracts.Privacy;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.Diagnostics;
using Telemetry.Ingestion.Pipeline;
using Telemetry.Ingestion.Privacy;
using Telemetry.Ingestion.RateLimiting;
using Telemetry.Ingestion.Validation;

namespace Telemetry.Ingestion;

/// <summary>Registers the ingestion pipeline and everything it needs.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IngestionPipeline"/>, its parts and their options (sections <c>Redis</c>, <c>Buffer</c>,
    /// <c>RateLimiting</c>, <c>Validation</c>, <c>Privacy</c>, <c>Authentication</c> of <paramref name="configuration"/>,
    /// validated at start), the process's <see cref="IConnectionMultiplexer"/>, the metrics (section <c>Metrics</c>), a hosted service
    /// that creates the buffer's consumer groups, one that reads the buffer gauges and one that watches Redis's memory
    /// (<see cref="RedisMemoryWatcher"/>). See docs/configuration.md.
    /// </summary>
    public static IServiceCollection AddIngestionPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddRedis(configuration);
        services.AddMetrics();
        services.AddOptions<BufferOptions>().Bind(configuration.GetSection(BufferOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var removedDedupWindow = configuration[$"{BufferOptions.SectionName}:DedupWindow"] is not null;
        services.AddOptions<BufferOptions>().Validate(
            _ => !removedDedupWindow,
            "Buffer:DedupWindow was removed: a report_id is now remembered while its report is in the buffer (bounded by "
            + "Buffer:MaxEntriesPerShard and Buffer:MaxRedisMemoryFraction), and the sinks store a retried report once.");
        services.AddOptions<ValidationOptions>().Bind(configuration.GetSection(ValidationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateOnStart();
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthenticationOptions>().Bind(configuration.GetSection(AuthenticationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new BufferKeyspace(
            provider.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix,
            provider.GetRequiredService<IOptions<BufferOptions>>().Value.Shards));
        services.TryAddSingleton(provider => new ReportAnonymizer(
            Convert.FromBase64String(provider.GetRequiredService<IOptions<PrivacyOptions>>().Value.HashKey!.Trim())));
        services.TryAddSingleton<ReportValidator>();
        services.TryAddSingleton<IngestKeyAuthenticator>();
        services.TryAddSingleton<RelayKeyVerifier>();
        services.TryAddSingleton<RedisMemoryWatcher>();
        services.TryAddSingleton<IReportBuffer, RedisReportBuffer>();
        services.TryAddSingleton<IngestionMetrics>();
        services.TryAddSingleton<BufferMetrics>();
        services.TryAddSingleton<IngestionPipeline>();
        services.AddHostedService<BufferInitializer>();
        services.AddHostedService<BufferMetricsSampler>();
        services.AddHostedService(provider => provider.GetRequiredService<RedisMemoryWatcher>());
        return services;
    }
}
