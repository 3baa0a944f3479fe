using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Server.Tests.Infrastructure;

/// <summary>Valid reports to start tests from.</summary>
internal static class Reports
{
    public static UsageReport Generic(string? instanceId = null, string product = "example") => new()
    {
        ReportId = Guid.NewGuid().ToString(),
        SchemaVersion = 1,
        Instance = new InstanceIdentity { InstanceId = instanceId ?? Guid.NewGuid().ToString() },
        ReportTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Build = new BuildInfo { Version = "1.0.0", BuildUser = "alice" },
        Generic = new GenericReport
        {
            Product = product,
            Metrics = { ["requests"] = new MetricValue { Counter = new Counter { Total = 5, Rate = 0.1 } } },
        },
    };

    /// <summary>A valid report of about 2 KiB: four 500-character string metrics beside the generic one.</summary>
    public static UsageReport Large()
    {
        var report = Generic();
        for (var i = 0; i < 4; i++)
        {
            report.Generic.Metrics[$"padding_{i}"] = new MetricValue { StringValue = new string('x', 500) };
        }

        return report;
    }
}
