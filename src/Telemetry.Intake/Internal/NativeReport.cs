using Telemetry.V1;

namespace Telemetry.Intake.Internal;

/// <summary>A vendor's report converted into the contract, with the vendor fields the contract does not model.</summary>
/// <param name="Report">The report, ready for the ingestion pipeline.</param>
/// <param name="UnknownFields">Paths of the fields that were dropped because the contract has no place for them.</param>
internal sealed record NativeReport(UsageReport Report, IReadOnlyList<string> UnknownFields);
