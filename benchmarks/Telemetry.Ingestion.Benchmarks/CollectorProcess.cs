using System.Diagnostics;
using System.Globalization;

using Telemetry.Testing;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// The collector as its own process (<c>dotnet Telemetry.Server.dll</c>, Server GC as its project sets), on free
/// loopback ports, against the benchmark's Redis, with rate limiting and the in-process uploader off (the buffer keeps every accepted report for the check),
/// its metrics and traces exported over OTLP to the benchmark's <see cref="OtlpSink"/>, and warnings only in its log.
/// </summary>
internal sealed class CollectorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private CollectorProcess(Process process, int grpcPort, int operationsPort, int intakePort)
    {
        _process = process;
        GrpcPort = grpcPort;
        OperationsPort = operationsPort;
        IntakeAddress = $"http://127.0.0.1:{intakePort}";
    }

    public int GrpcPort { get; }

    public int OperationsPort { get; }

    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort}";

    /// <summary>The intake endpoint: the vendors' native report paths.</summary>
    public string IntakeAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<CollectorProcess> StartAsync(string serverDll, string redisConfiguration, string? otlpEndpoint, CancellationToken cancellationToken)
    {
        var grpcPort = FreePort.Next();
        var operationsPort = FreePort.Next();
        var intakePort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                serverDll,
                "--urls", $"http://127.0.0.1:{grpcPort}",
                $"--Kestrel:Endpoints:Operations:Url=http://127.0.0.1:{operationsPort}",
                $"--Kestrel:Endpoints:Intake:Url=http://127.0.0.1:{intakePort}",
            },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Redis__Configuration"] = redisConfiguration;
        start.Environment["Privacy__HashKey"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
        start.Environment["RateLimiting__Enabled"] = "false";
        start.Environment["Upload__RunInCollector"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Metrics and traces on, as in production: exported over OTLP every second (metrics) and in batches (spans).
        if (otlpEndpoint is not null)
        {
            start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            start.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the collector");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var collector = new CollectorProcess(process, grpcPort, operationsPort, intakePort);
        await ReadinessProbe.WaitUntilOkAsync(process, new Uri($"http://127.0.0.1:{operationsPort}/readyz"), cancellationToken);
        return collector;
    }

    /// <summary>Current and peak resident set size, from <c>/proc/PID/status</c> (VmRSS, VmHWM), in bytes.</summary>
    public (long Rss, long PeakRss) ReadMemory()
    {
        long rss = 0;
        long peak = 0;
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return (rss, peak);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    private static void Forward(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine("collector: " + line);
        }
    }
}
