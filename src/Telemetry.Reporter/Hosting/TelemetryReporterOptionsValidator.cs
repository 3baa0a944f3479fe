using Microsoft.Extensions.Options;

namespace Telemetry.Reporter.Hosting;

/// <summary>Validates bound options with the rules <see cref="TelemetryReporter.StartAsync"/> applies.</summary>
internal sealed class TelemetryReporterOptionsValidator : IValidateOptions<TelemetryReporterOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryReporterOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
