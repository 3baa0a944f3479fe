using Telemetry.Reporter.Metrics;
using Telemetry.V1;

namespace Telemetry.Reporter.Transport;

/// <summary>A built, anonymized report waiting to be delivered, with the counter amounts it holds pending.</summary>
internal sealed class PendingReport
{
    public PendingReport(UsageReport report, RegistrySnapshot snapshot, DateTimeOffset slot, DateTimeOffset firstAttempt)
    {
        Report = report;
        Snapshot = snapshot;
        Slot = slot;
        NextAttempt = firstAttempt;
    }

    public UsageReport Report { get; }

    public RegistrySnapshot Snapshot { get; }

    /// <summary>Start of the interval the report covers.</summary>
    public DateTimeOffset Slot { get; }

    /// <summary>Failed attempts so far.</summary>
    public int Failures { get; set; }

    public DateTimeOffset NextAttempt { get; set; }
}
