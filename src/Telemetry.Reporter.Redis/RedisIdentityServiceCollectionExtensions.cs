using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telemetry.Reporter.Identity;

namespace Telemetry.Reporter.Redis;

/// <summary>Registers the Redis identity store with a host that uses <c>AddTelemetryReporter</c>.</summary>
public static class RedisIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RedisIdentityStores.FromOptions"/> as the reporter's <see cref="IInstanceIdentityStore"/>
    /// when <see cref="TelemetryReporterOptions.IdentityStore"/> is <see cref="IdentityStoreKind.Redis"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddTelemetryReporterRedisIdentityStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IInstanceIdentityStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TelemetryReporterOptions>>().Value;
            return RedisIdentityStores.FromOptions(options, provider.GetService<TimeProvider>());
        });
        return services;
    }
}
