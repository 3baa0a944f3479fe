using Telemetry.V1;

namespace Telemetry.Upload;

/// <summary>One report held somewhere, as an export returns it.</summary>
/// <param name="Report">The report.</param>
/// <param name="ArrivalTime">When the service accepted it.</param>
/// <param name="Location">Where it is held: <c>buffer</c>, <c>dead-letters</c> or a sink name.</param>
public sealed record StoredReport(UsageReport Report, DateTimeOffset ArrivalTime, string Location);
