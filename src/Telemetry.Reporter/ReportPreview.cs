using Google.Protobuf;
using Telemetry.Reporter.Building;
using Telemetry.V1;

namespace Telemetry.Reporter;

/// <summary>The anonymized report the next send would carry, built by the code path sends use.</summary>
/// <remarks>
/// Building a preview resets no counter and changes nothing the next report carries. If a report is waiting for
/// delivery, the preview is that report; otherwise it is the report the next slot would carry if it were built
/// now. When reporting is disabled or a dry run, the preview is still built (as Qdrant's <c>/telemetry</c> shows
/// its data with telemetry off) and <see cref="WillBeSent"/> is <see langword="false"/>. Immutable and thread-safe.
/// </remarks>
public sealed class ReportPreview
{
    private readonly UsageReport _report;

    internal ReportPreview(UsageReport report, string? notSentReason = null, int? detailsLevel = null)
    {
        _report = report.Clone();
        Json = ReportJson.Format(_report);
        NotSentReason = notSentReason;
        DetailsLevel = detailsLevel;
    }

    /// <summary>A copy of the report.</summary>
    public UsageReport Report => _report.Clone();

    /// <summary>
    /// The report in the protobuf JSON mapping with the contract's field names (<c>ring_kv_store</c>) and 64-bit
    /// integers as JSON numbers, indented. <see cref="JsonParser"/> parses it back into <see cref="Report"/>.
    /// </summary>
    public string Json { get; }

    /// <summary>Whether the reporter sends reports: <see langword="false"/> when reporting is disabled or a dry run.</summary>
    public bool WillBeSent => NotSentReason is null;

    /// <summary>Why the report is not sent (such as <c>environment: DO_NOT_TRACK</c>); <see langword="null"/> when it is.</summary>
    public string? NotSentReason { get; }

    /// <summary>
    /// The Qdrant detail level the preview was asked for, <see langword="null"/> for the whole report. At a level,
    /// the report is the one that is sent with what the level does not show left out.
    /// </summary>
    public int? DetailsLevel { get; }

    /// <summary>The report in the protobuf binary encoding, as a transport sends it.</summary>
    /// <returns>A new array with the encoded report.</returns>
    public byte[] ToByteArray() => _report.ToByteArray();
}
