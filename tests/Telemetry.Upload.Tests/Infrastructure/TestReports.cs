using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Upload.Tests.Infrastructure;

/// <summary>Small valid reports.</summary>
public static class TestReports
{
    public static UsageReport Create(string? clusterId = null, string? reportId = null) => new()
    {
        ReportId = reportId ?? Guid.NewGuid().ToString(),
        SchemaVersion = 1,
        Instance = new InstanceIdentity { ClusterId = clusterId ?? Guid.NewGuid().ToString(), InstanceId = Guid.NewGuid().ToString() },
        Build = new BuildInfo { Version = "2.8.0" },
        Environment = new Telemetry.V1.Environment { Os = "linux", Arch = "amd64" },
        Target = "all",
        Edition = "oss",
        ReportTime = Timestamp.FromDateTime(DateTime.UtcNow),
        Mimir = new MimirReport(),
    };
}
