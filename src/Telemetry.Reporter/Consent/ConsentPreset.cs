namespace Telemetry.Reporter.Consent;

/// <summary>
/// Opt-out switches named the way a vendor's reporter names them, so users of an instrumented product keep using
/// the switches its documentation gives. Set with <see cref="TelemetryReporterOptions.ConsentPreset"/>; a preset
/// replaces <see cref="TelemetryReporterOptions.DisableEnvironmentVariable"/>,
/// <see cref="TelemetryReporterOptions.DisableCommandLineFlag"/>, <see cref="TelemetryReporterOptions.EnableCommandLineFlag"/>
/// and <see cref="TelemetryReporterOptions.RequireOptIn"/>. <c>TelemetryReporter:Enabled</c> and
/// <c>DO_NOT_TRACK</c> apply with every preset.
/// </summary>
public enum ConsentPreset
{
    /// <summary>No preset: the options' own switches apply.</summary>
    None = 0,

    /// <summary>Grafana Mimir: off unless <c>-usage-stats.enabled=true</c> is given (its reporting is opt-in).</summary>
    Mimir = 1,

    /// <summary>Grafana Tempo: on unless <c>-reporting.enabled=false</c> is given.</summary>
    Tempo = 2,

    /// <summary>InfluxDB: off with <c>--reporting-disabled</c> or <c>INFLUXD_REPORTING_DISABLED=true</c>.</summary>
    InfluxDb = 3,

    /// <summary>Coroot: off with <c>--disable-usage-statistics</c> or <c>DISABLE_USAGE_STATISTICS=true</c>.</summary>
    Coroot = 4,

    /// <summary>Qdrant: off with <c>--disable-telemetry</c> or <c>QDRANT__TELEMETRY_DISABLED=true</c>.</summary>
    Qdrant = 5,
}
