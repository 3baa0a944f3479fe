namespace Telemetry.Insights;

/// <summary>
/// One installation's day as the rollups keep it: the values of its latest report of that day (by report time,
/// ties broken by report ID, so every replica and every rebuild picks the same report).
/// </summary>
/// <param name="Product">Product name.</param>
/// <param name="Instance">Installation key (<c>cluster_id</c>, else <c>instance_id</c>).</param>
/// <param name="Day">UTC day of the report time.</param>
/// <param name="ReportTimeMs">Report time, Unix milliseconds.</param>
/// <param name="ReportId">Report UUID.</param>
/// <param name="Version">The <c>build.version</c>, or empty.</param>
/// <param name="Values">Every catalogue field the report carries.</param>
public sealed record RollupRow(
    string Product,
    string Instance,
    DateOnly Day,
    long ReportTimeMs,
    string ReportId,
    string Version,
    IReadOnlyList<FieldValue> Values)
{
    /// <summary>Whether this row's report is later than <paramref name="other"/>'s for the same day.</summary>
    public bool Supersedes(RollupRow other) =>
        ReportTimeMs > other.ReportTimeMs
        || (ReportTimeMs == other.ReportTimeMs && string.CompareOrdinal(ReportId, other.ReportId) > 0);
}
