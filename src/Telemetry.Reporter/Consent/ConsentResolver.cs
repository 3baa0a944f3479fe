namespace Telemetry.Reporter.Consent;

/// <summary>Decides whether reporting is enabled from configuration, environment and command line. Pure.</summary>
internal static class ConsentResolver
{
    public const string DoNotTrackVariable = "DO_NOT_TRACK";

    /// <summary>
    /// Reporting is disabled by <see cref="TelemetryReporterOptions.Enabled"/> = false, by the product's environment
    /// variable or <c>DO_NOT_TRACK</c> set to <c>1</c> or <c>true</c>, by the disabling flag, or by the enabling flag
    /// set to false. Any one wins. With opt-in, it is also disabled unless the enabling flag is given.
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

        var switches = Switches.For(options);
        if (switches.DisableVariable.Length > 0 && IsSet(environment(switches.DisableVariable)))
        {
            return new(false, $"environment: {switches.DisableVariable}");
        }

        if (options.HonorDoNotTrack && IsSet(environment(DoNotTrackVariable)))
        {
            return new(false, $"environment: {DoNotTrackVariable}");
        }

        if (FlagValue(arguments, switches.DisableFlag) is true)
        {
            return new(false, $"command line: {switches.DisableFlag}");
        }

        var enabled = FlagValue(arguments, switches.EnableFlag);
        if (enabled is false)
        {
            return new(false, $"command line: {switches.EnableFlag}=false");
        }

        return switches.RequireOptIn && enabled is not true
            ? new(false, $"not opted in: {switches.EnableFlag}=true is required")
            : new(true, string.Empty);
    }

    // A boolean flag in GNU or Go style: "--flag" or "-flag" means true, "--flag=false" false; null when absent.
    private static bool? FlagValue(IReadOnlyList<string> arguments, string flag)
    {
        var name = flag.TrimStart('-');
        if (name.Length == 0)
        {
            return null;
        }

        bool? value = null;
        foreach (var argument in arguments)
        {
            var given = argument.TrimStart('-');
            if (given.Length == argument.Length)
            {
                continue;
            }

            if (string.Equals(given, name, StringComparison.Ordinal))
            {
                value = true;
            }
            else if (given.StartsWith(name + "=", StringComparison.Ordinal))
            {
                var text = given[(name.Length + 1)..];
                value = text == "1" || string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) ? true
                    : text == "0" || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) ? false
                    : value;
            }
        }

        return value;
    }

    private static bool IsSet(string? value) =>
        value is not null
        && (value.Trim() == "1" || string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The switches in force: a preset's, or the options' own.</summary>
    private sealed record Switches(string DisableVariable, string DisableFlag, string EnableFlag, bool RequireOptIn)
    {
        public static Switches For(TelemetryReporterOptions options) => options.ConsentPreset switch
        {
            ConsentPreset.Mimir => new(string.Empty, string.Empty, "-usage-stats.enabled", RequireOptIn: true),
            ConsentPreset.Tempo => new(string.Empty, string.Empty, "-reporting.enabled", RequireOptIn: false),
            ConsentPreset.InfluxDb => new("INFLUXD_REPORTING_DISABLED", "--reporting-disabled", string.Empty, RequireOptIn: false),
            ConsentPreset.Coroot => new("DISABLE_USAGE_STATISTICS", "--disable-usage-statistics", string.Empty, RequireOptIn: false),
            ConsentPreset.Qdrant => new("QDRANT__TELEMETRY_DISABLED", "--disable-telemetry", string.Empty, RequireOptIn: false),
            _ => new(options.GetDisableEnvironmentVariable(), options.DisableCommandLineFlag, options.EnableCommandLineFlag, options.RequireOptIn),
        };
    }
}
