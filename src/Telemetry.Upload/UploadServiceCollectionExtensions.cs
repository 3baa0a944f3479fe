using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Upload.Internal;
using Telemetry.Upload.Sinks;

namespace Telemetry.Upload;

/// <summary>Registers the uploader in a host.</summary>
public static class UploadServiceCollectionExtensions
{
    /// <summary>
    /// Registers the uploader and runs it as a hosted service: options (<c>Upload</c>, validated at start), the
    /// configured <see cref="IReportSink"/>, <see cref="BatchUploader"/> with <see cref="UploadWorker"/>,
    /// <see cref="UploadMetrics"/>, <see cref="DeadLetterStore"/> and <see cref="DataRights"/>.
    /// </summary>
    /// <remarks>
    /// Shares the process's one <see cref="IConnectionMultiplexer"/>, from the <c>Redis</c> section
    /// (<see cref="RedisServiceCollectionExtensions.AddRedis"/>). <c>Upload:KeyPrefix</c> defaults to
    /// <c>Redis:KeyPrefix</c> and <c>Upload:Shards</c> to <c>Buffer:Shards</c>, so the buffer and the uploader agree
    /// without repeating them.
    /// </remarks>
    public static IServiceCollection AddUploader(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddUploadServices(configuration);
        services.AddHostedService<UploadWorker>();
        return services;
    }

    /// <summary>
    /// Everything <see cref="AddUploader"/> registers except the hosted worker: for tools and hosts that need the
    /// sinks, the dead letters or <see cref="DataRights"/> without draining the buffer.
    /// </summary>
    public static IServiceCollection AddUploadServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<UploadOptions>()
            .Bind(configuration.GetSection(UploadOptions.SectionName))
            .PostConfigure(o =>
            {
                if (configuration[$"{UploadOptions.SectionName}:{nameof(UploadOptions.KeyPrefix)}"] is null
                    && configuration["Redis:KeyPrefix"] is { } prefix)
                {
                    o.KeyPrefix = prefix;
                }

                if (configuration[$"{UploadOptions.SectionName}:{nameof(UploadOptions.Shards)}"] is null
                    && int.TryParse(configuration["Buffer:Shards"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shards))
                {
                    o.Shards = shards;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>());
        var removedTimeout = configuration[$"{UploadOptions.SectionName}:RedisTimeout"] is not null;
        services.AddOptions<UploadOptions>().Validate(
            _ => !removedTimeout,
            "Upload:RedisTimeout was removed: Redis:OperationTimeout bounds every Redis call of the collector and the uploader.");

        services.AddRedis(configuration);
        services.AddMetrics();
        services.TryAddSingleton<UploadMetrics>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReportSink>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<UploadOptions>>();
            return options.Value.Sink switch
            {
                "postgres" => new PostgresReportSink(options),
                "upstream" => new UpstreamReportSink(options),
                _ => new FileReportSink(options, provider.GetRequiredService<TimeProvider>()),
            };
        });
        services.TryAddSingleton(provider => new BatchUploader(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IReportSink>(),
            provider.GetRequiredService<IOptions<UploadOptions>>(),
            provider.GetRequiredService<UploadMetrics>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BatchUploader>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DeadLetterStore>();
        services.TryAddSingleton<DataRights>();
        return services;
    }
}
