using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Insights.Tests;

/// <summary>
/// A generated population of the generic product <c>acme</c> with answers known in advance, over three days from
/// <see cref="Day0"/>:
/// installations 0–6 report from day 0 on version 1.0.0, 0–5 upgrade to 2.0.0 on day 2; installations 7–11 appear
/// on day 1 on 2.0.0. OS: 0–7 linux, 8–10 darwin, 11 windows. Tracing is on for 0–5. Series: (i + 1) × 100.
/// Each installation reports twice a day; installation 6 also sends, last, a report on day 2 stamped before its
/// other reports of that day, claiming version 9.9.9 (a late report that must not win).
/// </summary>
internal static class Population
{
    public const string Product = "acme";
    public const int Installations = 12;

    /// <summary>Five days ago: every report is in the past and younger than the accepted age (7 days).</summary>
    public static DateOnly Day0 { get; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5);

    public static string Instance(int i) => $"00000000-0000-4000-8000-{i:D12}";

    public static List<UsageReport> Reports()
    {
        var reports = new List<UsageReport>();
        for (var i = 0; i < Installations; i++)
        {
            for (var day = i < 7 ? 0 : 1; day < 3; day++)
            {
                var version = i >= 7 || (day == 2 && i <= 5) ? "2.0.0" : "1.0.0";
                reports.Add(Report(i, day, hour: 8, version));
                reports.Add(Report(i, day, hour: 20, version));
            }
        }

        // Shuffled, so days and installations arrive out of order; then the late report.
        var shuffled = reports.OrderBy(r => r.ReportId, StringComparer.Ordinal).ToList();
        shuffled.Add(Report(6, 2, hour: 1, "9.9.9"));
        return shuffled;
    }

    public static UsageReport Report(int i, int day, int hour, string version)
    {
        var time = Day0.AddDays(day).ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);
        return new UsageReport
        {
            ReportId = Guid.NewGuid().ToString(),
            SchemaVersion = 1,
            Instance = new InstanceIdentity { InstanceId = Instance(i) },
            ReportTime = Timestamp.FromDateTime(time),
            Build = new BuildInfo { Version = version },
            Environment = new V1.Environment { Os = i <= 7 ? "linux" : i <= 10 ? "darwin" : "windows", Arch = "amd64" },
            Generic = new GenericReport
            {
                Product = Product,
                Metrics =
                {
                    ["tracing"] = new MetricValue { IntValue = i <= 5 ? 1 : 0 },
                    ["series"] = new MetricValue { IntValue = (i + 1) * 100 },
                },
            },
        };
    }
}
