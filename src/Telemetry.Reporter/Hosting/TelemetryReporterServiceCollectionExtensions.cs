using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Metrics;
using Telemetry.Reporter.Transport;

namespace Telemetry.Reporter.Hosting;

/// <summary>Registers the usage reporter with a generic host.</summary>
public static class TelemetryReporterServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="TelemetryReporter"/>, its <see cref="MetricRegistry"/> and a hosted service that starts
    /// and stops it with the host. Options are bound from the <c>TelemetryReporter</c> configuration section, then
    /// <paramref name="configure"/> runs, and they are validated when the host starts.
    /// </summary>
    /// <param name="services">The host's services; they must include <c>IConfiguration</c>, as hosts do.</param>
    /// <param name="configure">Sets options in code, after configuration binding.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <remarks>
    /// Registered <see cref="IReportTransportFactory"/>, <see cref="IInstanceIdentityStore"/> and
    /// <see cref="TimeProvider"/> services are used when present. Inject <see cref="MetricRegistry"/> to record
    /// metrics. Calling this method twice registers one reporter.
    /// </remarks>
    public static IServiceCollection AddTelemetryReporter(
        this IServiceCollection services, Action<TelemetryReporterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TelemetryReporterOptions>().BindConfiguration(TelemetryReporterOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<TelemetryReporterOptions>, TelemetryReporterOptionsValidator>());
        services.TryAddSingleton(provider => new MetricRegistry(provider.GetService<TimeProvider>()));
        services.TryAddSingleton(provider => TelemetryReporter.Create(
            provider.GetRequiredService<IOptions<TelemetryReporterOptions>>().Value,
            provider.GetRequiredService<MetricRegistry>(),
            provider.GetService<IReportTransportFactory>(),
            provider.GetService<IInstanceIdentityStore>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, TelemetryReporterHostedService>());
        return services;
    }
}
