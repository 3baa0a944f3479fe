using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Insights.Internal;
using Telemetry.Upload;

namespace Telemetry.Insights;

/// <summary>Registers insights in a host that runs the uploader services.</summary>
public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the rollup store, wraps the configured <see cref="IReportSink"/> in a <see cref="RecordingReportSink"/>
    /// (so stored batches update the rollups and deletions reach them), the questions and their cache (HybridCache:
    /// in process, and in Redis through the process's multiplexer so every replica shares answers). Call after
    /// <see cref="UploadServiceCollectionExtensions.AddUploadServices"/>. Does nothing when <c>Insights:Enabled</c>
    /// is false, or when the rollups would be the embedded store's and the uploader runs in another process.
    /// </summary>
    public static IServiceCollection AddInsights(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(InsightsOptions.SectionName);
        services.AddOptions<InsightsOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .Validate(o => o.Store is null or "duckdb" or "postgres", "Insights:Store must be duckdb or postgres.")
            .Validate(o => string.IsNullOrEmpty(o.ReadToken) || o.ReadToken != configuration["Authentication:AdminToken"],
                "Insights:ReadToken must differ from Authentication:AdminToken: whoever reads insights must not be able to delete data.")
            .ValidateOnStart();
        if (!section.GetValue(nameof(InsightsOptions.Enabled), defaultValue: true) || !WritesRollups(configuration))
        {
            return services;
        }

        AddRollupStore(services);
        DecorateSink(services);
        services.AddSingleton<InsightsQueries>();
        services.AddSingleton<RollupRebuild>();
        services.AddHostedService(provider => provider.GetRequiredService<RollupRebuild>());
        services.AddSingleton<RawReportRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<RawReportRetention>());
        services.AddSingleton<InsightsAnswers>();
        services.AddSingleton<UnknownFieldCounts>();
        services.AddHostedService(provider => provider.GetRequiredService<UnknownFieldCounts>());
        // The insights service, behind the read token, also served as JSON through its google.api.http routes.
        services.AddGrpc()
            .AddJsonTranscoding()
            .AddServiceOptions<InsightsGrpcService>(grpc => grpc.Interceptors.Add<ReadTokenInterceptor>());
        services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer, IOptions<UploadOptions>>((cache, redis, upload) =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
            cache.InstanceName = upload.Value.KeyPrefix + "insights:";
        });
        services.AddStackExchangeRedisCache(_ => { });
        services.AddHybridCache().AddSerializerFactory<ProtobufCacheSerializerFactory>();
        return services;
    }

    /// <summary>
    /// For the standalone uploader (<c>telemetry-uploader</c>): when the rollups live in PostgreSQL, wraps the sink in a
    /// <see cref="RecordingReportSink"/> so every batch it stores is merged into them, as the collector's own
    /// uploader does. Registers nothing for the embedded store: its DuckDB file belongs to the collector process that
    /// runs the uploader (DuckDB lets one process open a file), and with the uploader elsewhere there are no
    /// embedded rollups. Call after <see cref="UploadServiceCollectionExtensions.AddUploadServices"/>.
    /// </summary>
    public static IServiceCollection AddRollupMerging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(InsightsOptions.SectionName);
        if (!section.GetValue(nameof(InsightsOptions.Enabled), defaultValue: true)
            || StoreOf(section[nameof(InsightsOptions.Store)], configuration["Upload:Sink"] ?? "files") != "postgres")
        {
            return services;
        }

        services.AddOptions<InsightsOptions>().Bind(section);
        AddRollupStore(services);
        DecorateSink(services);
        return services;
    }

    private static void AddRollupStore(IServiceCollection services) => services.AddSingleton(provider =>
    {
        var insights = provider.GetRequiredService<IOptions<InsightsOptions>>().Value;
        var upload = provider.GetRequiredService<IOptions<UploadOptions>>().Value;
        return StoreOf(insights.Store, upload.Sink) == "postgres"
            ? RollupStore.Postgres(upload.Postgres.ConnectionString
                ?? throw new OptionsValidationException(nameof(InsightsOptions), typeof(InsightsOptions), ["Insights:Store postgres needs Upload:Postgres:ConnectionString."]))
            : RollupStore.DuckDb(insights.DuckDbPath, insights.DuckDbMemoryLimitMiB);
    });

    /// <summary>
    /// False for the embedded store when the uploader runs in its own process: the DuckDB file is written only by the
    /// process that stores reports, and the standalone uploader keeps no rollups, so this process would answer from
    /// rollups that never change. It then loads no analytical engine at all (DuckDB costs some 35 MiB of memory).
    /// The PostgreSQL store is shared, so any collector answers from it.
    /// </summary>
    private static bool WritesRollups(IConfiguration configuration)
    {
        var store = StoreOf(configuration["Insights:Store"], configuration["Upload:Sink"] ?? "files");
        return store == "postgres" || configuration.GetValue("Upload:RunInCollector", defaultValue: true);
    }

    /// <summary>Where the rollups live: <c>Insights:Store</c>, or beside the PostgreSQL sink, or embedded.</summary>
    private static string StoreOf(string? configured, string sink) => configured ?? (sink == "postgres" ? "postgres" : "duckdb");

    /// <summary>Replaces the sink registration with the same sink wrapped in a <see cref="RecordingReportSink"/>.</summary>
    private static void DecorateSink(IServiceCollection services)
    {
        var registration = services.LastOrDefault(d => d.ServiceType == typeof(IReportSink))
            ?? throw new InvalidOperationException("AddInsights needs the uploader services (AddUploadServices) registered first.");
        services.Remove(registration);
        services.AddSingleton<IReportSink>(provider =>
        {
            var inner = registration.ImplementationInstance as IReportSink
                ?? (registration.ImplementationFactory is { } factory
                    ? (IReportSink)factory(provider)
                    : (IReportSink)ActivatorUtilities.CreateInstance(provider, registration.ImplementationType!));
            return new RecordingReportSink(inner, provider.GetRequiredService<RollupStore>(), provider.GetRequiredService<ILogger<RecordingReportSink>>());
        });
    }
}
