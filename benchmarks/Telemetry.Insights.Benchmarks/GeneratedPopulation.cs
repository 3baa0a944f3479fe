using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Insights.Benchmarks;

/// <summary>
/// The benchmark's population of the generic product <c>acme</c>: installations spread their reports evenly over
/// the days, staggered so every day has reporters; versions 1.0 to 1.4 adopted over time; OS, architecture, a
/// tracing flag and a series count that grows with time. Deterministic, sent round by round (roughly in time order).
/// </summary>
internal sealed class GeneratedPopulation(BenchOptions options)
{
    public const string Product = "acme";

    /// <summary>The first day of the population; the last one is yesterday.</summary>
    public DateOnly FirstDay { get; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-options.Days);

    public DateOnly LastDay => FirstDay.AddDays(options.Days - 1);

    /// <summary>Every report in sending order, generated lazily.</summary>
    public IEnumerable<UsageReport> Reports()
    {
        var perInstallation = options.Reports / options.Installations;
        var extra = options.Reports % options.Installations;
        var rounds = Rounds();
        for (var round = 0; round < rounds; round++)
        {
            var count = round < perInstallation ? options.Installations : extra;
            for (var i = 0; i < count; i++)
            {
                yield return Report(i, round, rounds);
            }
        }
    }

    /// <summary>The distinct installation-days of <see cref="Reports"/>: what the rollups hold once every report is merged.</summary>
    public long InstallationDays()
    {
        var rounds = Rounds();
        long days = 0;
        for (var installation = 0; installation < options.Installations; installation++)
        {
            var reports = options.Reports / options.Installations + (installation < options.Reports % options.Installations ? 1 : 0);
            days += Enumerable.Range(0, reports).Select(round => Day(installation, round, rounds)).Distinct().Count();
        }

        return days;
    }

    private int Rounds() => (options.Reports / options.Installations) + (options.Reports % options.Installations > 0 ? 1 : 0);

    private int Day(int installation, int round, int rounds)
    {
        var spacing = Math.Max(1, options.Days / rounds);
        return Math.Min(options.Days - 1, round * options.Days / rounds + installation % spacing);
    }

    private UsageReport Report(int installation, int round, int rounds)
    {
        var day = Day(installation, round, rounds);
        var time = FirstDay.AddDays(day).ToDateTime(new TimeOnly(installation % 24, installation % 60), DateTimeKind.Utc);
        var version = Math.Min(4, (day + installation % 30) / 20);
        var os = (installation % 10) switch { < 7 => "linux", < 9 => "darwin", _ => "windows" };
        return new UsageReport
        {
            ReportId = Guid.NewGuid().ToString(),
            SchemaVersion = 1,
            Instance = new InstanceIdentity { InstanceId = $"00000000-0000-4000-8000-{installation:D12}" },
            ReportTime = Timestamp.FromDateTime(time),
            Build = new BuildInfo { Version = $"1.{version}.0" },
            Environment = new V1.Environment { Os = os, Arch = installation % 3 == 0 ? "arm64" : "amd64" },
            Generic = new GenericReport
            {
                Product = Product,
                Metrics =
                {
                    ["tracing"] = new MetricValue { IntValue = installation % 4 == 0 ? 1 : 0 },
                    ["series"] = new MetricValue { IntValue = (installation % 1000 + 1) * 100L * (1 + day / 30) },
                },
            },
        };
    }
}
