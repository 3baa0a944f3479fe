namespace Telemetry.Upload;

/// <summary>One report a sink did not store.</summary>
/// <param name="ReportId">The report's UUID.</param>
/// <param name="Reason">Why, for the dead-letter entry.</param>
/// <param name="Permanent">
/// True when retrying cannot help (the report goes to the dead letters at once); false when it counts as one failed
/// delivery and is retried until the delivery limit.
/// </param>
public sealed record ReportRejection(string ReportId, string Reason, bool Permanent);
