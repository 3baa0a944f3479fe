namespace Telemetry.Reporter.Identity;

/// <summary>What an <see cref="InstallationIdentity"/> identifies.</summary>
public enum IdentityScope
{
    /// <summary>One process or one installation with a single process; reported as the instance ID.</summary>
    Instance = 0,

    /// <summary>Every replica of a cluster shares it; reported as the cluster ID.</summary>
    Cluster = 1,
}
