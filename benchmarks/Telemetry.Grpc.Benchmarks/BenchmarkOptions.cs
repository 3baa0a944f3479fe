using System.Globalization;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>Command-line options of the benchmark run; every loop is bounded by a count and a time.</summary>
internal sealed class BenchmarkOptions
{
    /// <summary>The empty request body: a length prefix with no message (<c>--empty-request</c>). Required.</summary>
    public string EmptyRequestFile { get; private set; } = string.Empty;

    /// <summary>A length-prefixed 100-byte SimpleRequest built with protoc (<c>--unary-request</c>). Required.</summary>
    public string UnaryRequestFile { get; private set; } = string.Empty;

    /// <summary>h2load <c>-n</c> per measured run. Defaults to 200,000.</summary>
    public int Requests { get; private set; } = 200_000;

    /// <summary>h2load <c>-c</c>. Defaults to 4.</summary>
    public int Connections { get; private set; } = 4;

    /// <summary>h2load <c>-m</c> (Kestrel allows 100 streams per connection). Defaults to 100.</summary>
    public int Streams { get; private set; } = 100;

    /// <summary>Measured rounds per target; the best rate and the median paired ratio are reported. Defaults to 5.</summary>
    public int Rounds { get; private set; } = 5;

    /// <summary>Time limit of one h2load run. Defaults to 120 seconds.</summary>
    public TimeSpan H2LoadTimeout { get; private set; } = TimeSpan.FromSeconds(120);

    /// <summary>Messages sent per streaming run. Defaults to 1,000,000.</summary>
    public long StreamMessages { get; private set; } = 1_000_000;

    /// <summary>Time after which a streaming run stops sending, whatever it has sent. Defaults to 20 seconds.</summary>
    public TimeSpan StreamDuration { get; private set; } = TimeSpan.FromSeconds(20);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--empty-request": options.EmptyRequestFile = value; break;
                case "--unary-request": options.UnaryRequestFile = value; break;
                case "--requests": options.Requests = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--connections": options.Connections = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--streams": options.Streams = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rounds": options.Rounds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--stream-messages": options.StreamMessages = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--stream-seconds": options.StreamDuration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }

            i++;
        }

        if (!File.Exists(options.EmptyRequestFile) || !File.Exists(options.UnaryRequestFile))
        {
            throw new ArgumentException("--empty-request and --unary-request must name existing files (scripts/bench-grpc.sh builds them).");
        }

        if (options.Requests < 1 || options.Rounds < 1 || options.StreamMessages < 2 || options.Connections < 1 || options.Streams < 1)
        {
            throw new ArgumentException("Counts must be positive (and --stream-messages at least 2).");
        }

        return options;
    }
}
