namespace Telemetry.Reporter.Consent;

/// <summary>Decides whether reporting is enabled from configuration, environment and command line. Pure.</summary>
internal static class ConsentResolver
{
    public const string DoNotTrackVariable = "DO_NOT_TRACK";

    /// <summary>
    /// Reporting is disabled by <see cref="TelemetryReporterOptions.Enabled"/> = false, by the product's environment
    /// variable or <c>DO_NOT_TRACK</c> set to <c>1</c> or <c>true</c>, or by the command-line flag. Any one wins.
    /// </summary>
    public static ConsentDecision Resolve(
        TelemetryReporterOptions options,
        Func<string, string?> environment,
        IReadOnlyList<string> arguments)
    {
        if (!options.Enabled)
        {
            return new(false, "configuration: Enabled=false");
        }

        var variable = options.GetDisableEnvironmentVariable();
        if (IsSet(environment(variable)))
        {
            return new(false, $"environment: {variable}");
        }

        if (options.HonorDoNotTrack && IsSet(environment(DoNotTrackVariable)))
        {
            return new(false, $"environment: {DoNotTrackVariable}");
        }

        if (!string.IsNullOrEmpty(options.DisableCommandLineFlag))
        {
            foreach (var argument in arguments)
            {
                if (string.Equals(argument, options.DisableCommandLineFlag, StringComparison.Ordinal)
                    || string.Equals(argument, options.DisableCommandLineFlag + "=true", StringComparison.OrdinalIgnoreCase))
                {
                    return new(false, $"command line: {options.DisableCommandLineFlag}");
                }
            }
        }

        return new(true, string.Empty);
    }

    private static bool IsSet(string? value) =>
        value is not null
        && (value.Trim() == "1" || string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
}
