using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telemetry.Intake.Internal;
using Telemetry.Intake.Relay;

namespace Telemetry.Intake;

/// <summary>Registers the native intake; the ingestion pipeline must be registered too.</summary>
public static class IntakeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the intake's handler, metrics and relay with its options (section <c>Intake</c>, validated at start:
    /// relay products must be known and relay URLs absolute http or https).
    /// </summary>
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntakeOptions>()
            .Bind(configuration.GetSection(IntakeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>());
        services.AddHttpClient(ReportRelay.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntakeMetrics>();
        services.TryAddSingleton<ReportRelay>();
        services.TryAddSingleton<IntakeHandler>();
        return services;
    }
}
