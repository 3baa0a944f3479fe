using Google.Protobuf;
using Telemetry.V1;

namespace Telemetry.Reporter;

/// <summary>The anonymized report the next send would carry, built by the code path sends use.</summary>
/// <remarks>
/// Building a preview resets no counter and changes nothing the next report carries. If a report is waiting for
/// delivery, the preview is that report; otherwise it is the report the next slot would carry if it were built
/// now. Immutable and thread-safe.
/// </remarks>
public sealed class ReportPreview
{
    private readonly UsageReport _report;

    internal ReportPreview(UsageReport report)
    {
        _report = report.Clone();
        Json = JsonFormatter.Default.Format(_report);
    }

    /// <summary>A copy of the report.</summary>
    public UsageReport Report => _report.Clone();

    /// <summary>The report in the protobuf JSON mapping.</summary>
    public string Json { get; }

    /// <summary>The report in the protobuf binary encoding, as a transport sends it.</summary>
    /// <returns>A new array with the encoded report.</returns>
    public byte[] ToByteArray() => _report.ToByteArray();
}
