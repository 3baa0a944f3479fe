using System.Globalization;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>What the benchmark runs and for how long. Every phase is bounded both in reports and in time.</summary>
internal sealed class BenchmarkOptions
{
    /// <summary>Path of the collector's Telemetry.Server.dll (Release build). Required.</summary>
    public string CollectorPath { get; private set; } = string.Empty;

    /// <summary>Measured repetitions of the ceilings, unary and streaming phases; the table shows the best. Defaults to 3.</summary>
    public int Runs { get; private set; } = 3;

    /// <summary>HTTP/2 connections (one <see cref="CollectorConnection"/> each) for unary and streaming load. Defaults to 4.</summary>
    public int Connections { get; private set; } = 4;

    /// <summary>Concurrent unary calls per connection (Kestrel allows 100 streams per connection). Defaults to 32.</summary>
    public int UnaryConcurrency { get; private set; } = 32;

    /// <summary>Bidirectional streams in all, spread over the connections. Defaults to 8.</summary>
    public int Streams { get; private set; } = 8;

    /// <summary>Unacknowledged reports a stream's sender allows itself. Defaults to 128.</summary>
    public int StreamWindow { get; private set; } = 128;

    /// <summary>Measured time of the unary and streaming phases. Defaults to 8 seconds.</summary>
    public TimeSpan PhaseDuration { get; private set; } = TimeSpan.FromSeconds(8);

    /// <summary>Unmeasured load before each measured phase. Defaults to 2 seconds.</summary>
    public TimeSpan WarmUpDuration { get; private set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most reports one phase sends. Defaults to 2,000,000.</summary>
    public int MaxReportsPerPhase { get; private set; } = 2_000_000;

    /// <summary>Rate of the paced streaming phase whose memory is measured. Defaults to 10,000 reports/s.</summary>
    public int PacedRate { get; private set; } = 10_000;

    /// <summary>Measured time of the paced phase (after a 3-second ramp). Defaults to 12 seconds.</summary>
    public TimeSpan PacedDuration { get; private set; } = TimeSpan.FromSeconds(12);

    /// <summary>Requests of each h2load health-check run. Defaults to 200,000.</summary>
    public int HealthCheckRequests { get; private set; } = 200_000;

    /// <summary>Commands of each redis-benchmark XADD run. Defaults to 200,000.</summary>
    public int XaddRequests { get; private set; } = 200_000;

    /// <summary>
    /// Whether a machine-readable <see cref="Benchmarks.SummaryLine"/> follows the table, for scripts that compare
    /// collectors. Defaults to false.
    /// </summary>
    public bool SummaryLine { get; private set; }

    /// <summary>
    /// Whether the collector exports its metrics and traces over OTLP (to the benchmark's sink) while it is measured.
    /// Defaults to true, as in production; <c>--no-otlp</c> measures it with the Prometheus scrape endpoint only.
    /// </summary>
    public bool Otlp { get; private set; } = true;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--summary-line")
            {
                options.SummaryLine = true;
                continue;
            }

            if (name == "--no-otlp")
            {
                options.Otlp = false;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            var value = args[++i];
            switch (name)
            {
                case "--collector":
                    options.CollectorPath = value;
                    break;
                case "--runs":
                    options.Runs = Positive(name, value, 10);
                    break;
                case "--connections":
                    options.Connections = Positive(name, value, 64);
                    break;
                case "--unary-concurrency":
                    options.UnaryConcurrency = Positive(name, value, 100);
                    break;
                case "--streams":
                    options.Streams = Positive(name, value, 256);
                    break;
                case "--stream-window":
                    options.StreamWindow = Positive(name, value, 100_000);
                    break;
                case "--seconds":
                    options.PhaseDuration = TimeSpan.FromSeconds(Positive(name, value, 120));
                    break;
                case "--warm-up-seconds":
                    options.WarmUpDuration = TimeSpan.FromSeconds(Positive(name, value, 60));
                    break;
                case "--max-reports":
                    options.MaxReportsPerPhase = Positive(name, value, 20_000_000);
                    break;
                case "--paced-rate":
                    options.PacedRate = Positive(name, value, 1_000_000);
                    break;
                case "--paced-seconds":
                    options.PacedDuration = TimeSpan.FromSeconds(Positive(name, value, 120));
                    break;
                case "--h2load-requests":
                    options.HealthCheckRequests = Positive(name, value, 10_000_000);
                    break;
                case "--xadd-requests":
                    options.XaddRequests = Positive(name, value, 10_000_000);
                    break;
                default:
                    throw new ArgumentException($"unknown option {name}");
            }
        }

        if (string.IsNullOrEmpty(options.CollectorPath) || !File.Exists(options.CollectorPath))
        {
            throw new ArgumentException("--collector must name the collector's Telemetry.Server.dll (build it with -c Release)");
        }

        return options;
    }

    private static int Positive(string name, string value, int maximum)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > maximum)
        {
            throw new ArgumentException($"{name} must be a whole number from 1 to {maximum}");
        }

        return number;
    }
}
