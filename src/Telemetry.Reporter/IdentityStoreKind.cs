namespace Telemetry.Reporter;

/// <summary>Which built-in <see cref="Identity.IInstanceIdentityStore"/> the reporter uses.</summary>
public enum IdentityStoreKind
{
    /// <summary>A file in <see cref="TelemetryReporterOptions.DataDirectory"/>, kept across restarts.</summary>
    File = 0,

    /// <summary>A seed in Redis shared by every replica of a cluster (<see cref="TelemetryReporterOptions.RedisConfiguration"/>).</summary>
    Redis = 1,

    /// <summary>A new identity for each process, never stored.</summary>
    Ephemeral = 2,
}
