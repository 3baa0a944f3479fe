namespace Telemetry.Insights.Internal;

/// <summary>What a connection to the rollups is opened for.</summary>
internal enum RollupWork
{
    /// <summary>Merges, deletions and schema changes.</summary>
    Write,

    /// <summary>Questions.</summary>
    Read,
}
