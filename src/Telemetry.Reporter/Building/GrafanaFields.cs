using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>The envelope fields Mimir and Tempo share, in their Go-runtime vocabulary.</summary>
internal static class GrafanaFields
{
    public static GrafanaVersion Version(ReportBuildContext context) => new()
    {
        Version = context.Build.Version,
        Revision = context.Build.Revision,
        Branch = context.Build.Branch,
        GoVersion = context.Build.RuntimeVersion,
    };

    /// <summary>The .NET counterparts of Go's memstats: the managed heap stands in for Go's heap.</summary>
    public static GoMemStats MemStats(Telemetry.V1.Environment environment) => new()
    {
        Alloc = environment.Memory.HeapBytes,
        TotalAlloc = environment.Memory.AllocatedBytesTotal,
        Sys = environment.Memory.SystemBytes,
        HeapAlloc = environment.Memory.HeapBytes,
        HeapInuse = environment.Memory.HeapBytes,
        PauseTotalNs = (ulong)Math.Max(0, environment.Gc.PauseTotal.ToTimeSpan().Ticks * 100),
        // Generation 0 is collected by every collection, so its count is the number of collections.
        NumGc = environment.Gc.CollectionsPerGeneration.Count > 0 ? (uint)environment.Gc.CollectionsPerGeneration[0] : 0,
        GcCpuFraction = environment.Gc.CpuFraction,
    };

    public static string ClusterId(ReportBuildContext context) => context.Identity.Id;

    public static Timestamp CreatedAt(ReportBuildContext context) => Timestamp.FromDateTimeOffset(context.Identity.CreatedAt);

    public static Timestamp Interval(ReportBuildContext context) => Timestamp.FromDateTimeOffset(context.Slot);
}
