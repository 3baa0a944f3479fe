namespace Telemetry.Reporter;

/// <summary>When reports are sent.</summary>
public enum ReportScheduleMode
{
    /// <summary>
    /// At slot boundaries aligned to the identity's creation time plus whole intervals (as Mimir does): every
    /// replica of a cluster reports the same interval, a restart does not reset the schedule, and the first report
    /// of a new installation follows one interval after the identity is created.
    /// </summary>
    Aligned = 0,

    /// <summary>As soon as the reporter starts, then every interval (as InfluxDB, Coroot and Qdrant do).</summary>
    AtStartup = 1,
}
