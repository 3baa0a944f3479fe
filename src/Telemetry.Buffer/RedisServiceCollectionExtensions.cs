using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Telemetry.Buffer;

/// <summary>Registers the process's one Redis connection, from the <c>Redis</c> section.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="RedisOptions"/> (validated at start) and registers one <see cref="IConnectionMultiplexer"/>
    /// for the whole process, unless one is registered already. Calling it again adds nothing.
    /// </summary>
    public static IServiceCollection AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(RedisRegistration)))
        {
            return services;
        }

        services.AddSingleton<RedisRegistration>();
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IConnectionMultiplexer>(provider => Connect(provider.GetRequiredService<IOptions<RedisOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Connects to Redis without waiting for it: <c>abortConnect</c> is forced off, so a Redis that is down at start
    /// yields a multiplexer that keeps reconnecting in the background instead of an exception. Every call, synchronous
    /// or not, is bounded by <see cref="RedisOptions.OperationTimeout"/>.
    /// </summary>
    public static ConnectionMultiplexer Connect(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.SyncTimeout = configuration.AsyncTimeout = (int)Math.Ceiling(options.OperationTimeout.TotalMilliseconds);
        return ConnectionMultiplexer.Connect(configuration);
    }

    /// <summary>Marks the registration done, so a second call adds nothing.</summary>
    private sealed class RedisRegistration;
}
