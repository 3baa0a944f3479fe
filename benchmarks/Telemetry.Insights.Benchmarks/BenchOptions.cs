using System.Globalization;

namespace Telemetry.Insights.Benchmarks;

/// <summary>Command-line options; the defaults are the full scale the targets are stated for.</summary>
internal sealed class BenchOptions
{
    public int Reports { get; private set; } = 1_000_000;

    public int Installations { get; private set; } = 50_000;

    public int Days { get; private set; } = 90;

    /// <summary>Timed runs of each question, cold and cached.</summary>
    public int Samples { get; private set; } = 20;

    /// <summary>Reports per IngestReports call.</summary>
    public int BatchSize { get; private set; } = 500;

    /// <summary>Concurrent IngestReports callers.</summary>
    public int Senders { get; private set; } = 4;

    public string Collector { get; private set; } = "src/Telemetry.Server/bin/Release/net10.0/Telemetry.Server.dll";

    public string Uploader { get; private set; } = "src/Telemetry.Uploader/bin/Release/net10.0/telemetry-uploader.dll";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--reports": options.Reports = Positive(args[i], value); break;
                case "--installations": options.Installations = Positive(args[i], value); break;
                case "--days": options.Days = Positive(args[i], value); break;
                case "--samples": options.Samples = Positive(args[i], value); break;
                case "--batch-size": options.BatchSize = Positive(args[i], value); break;
                case "--senders": options.Senders = Positive(args[i], value); break;
                case "--collector": options.Collector = value; break;
                case "--uploader": options.Uploader = value; break;
                default: throw new ArgumentException($"unknown option {args[i]} (--reports, --installations, --days, --samples, --batch-size, --senders, --collector, --uploader)");
            }

            i++;
        }

        if (options.Reports < options.Installations)
        {
            throw new ArgumentException("--reports must be at least --installations (every installation reports at least once)");
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'");
}
