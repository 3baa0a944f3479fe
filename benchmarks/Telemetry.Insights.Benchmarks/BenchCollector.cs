using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Telemetry.Testing;

namespace Telemetry.Insights.Benchmarks;

/// <summary>
/// The collector as its own process with the uploader inside, the file sink and DuckDB rollups in the run's
/// directory, rate limiting off and report ages up to the population's span accepted. The same settings serve
/// <c>telemetry-uploader insights rebuild</c>.
/// </summary>
internal sealed class BenchCollector : IAsyncDisposable
{
    public const string ReadToken = "bench-read-token";

    private readonly Process _process;

    private BenchCollector(Process process, int grpcPort, int operationsPort)
    {
        _process = process;
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        OperationsAddress = $"http://127.0.0.1:{operationsPort}";
    }

    public string GrpcAddress { get; }

    public string OperationsAddress { get; }

    /// <summary>A client of the collector's insights routes (<c>/insights/v1/</c>) with the read token.</summary>
    public static HttpClient InsightsClient(string operations)
    {
        var http = new HttpClient { BaseAddress = new Uri(operations + "/insights/v1/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReadToken);
        return http;
    }

    /// <summary>The settings of the collector and of the rebuild command, as environment variables.</summary>
    public static Dictionary<string, string> Settings(string redis, string directory, int days) => new()
    {
        ["Redis__Configuration"] = redis,
        ["Privacy__HashKey"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray()),
        ["RateLimiting__Enabled"] = "false",
        // The 2-core machine may be shared: a slow Redis answer should delay a report, not refuse it.
        ["Redis__OperationTimeout"] = "00:00:10",
        ["Upload__RunInCollector"] = "true",
        ["Upload__Files__Directory"] = Path.Combine(directory, "reports"),
        ["Insights__DuckDbPath"] = Path.Combine(directory, "insights.duckdb"),
        ["Insights__ReadToken"] = ReadToken,
        ["Validation__MaxReportAge"] = TimeSpan.FromDays(days + 2).ToString("c", CultureInfo.InvariantCulture),
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static async Task<BenchCollector> StartAsync(string dll, Dictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var grpcPort = FreePort.Next();
        var operationsPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                dll,
                "--urls", $"http://127.0.0.1:{grpcPort}",
                $"--Kestrel:Endpoints:Operations:Url=http://127.0.0.1:{operationsPort}",
                $"--Kestrel:Endpoints:Intake:Url=http://127.0.0.1:{FreePort.Next()}",
            },
            UseShellExecute = false,
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the collector");
        var collector = new BenchCollector(process, grpcPort, operationsPort);
        await ReadinessProbe.WaitUntilOkAsync(process, new Uri(collector.OperationsAddress + "/readyz"), cancellationToken);
        return collector;
    }

    /// <summary>Resident set size now, from <c>/proc/PID/status</c> (VmRSS), in bytes.</summary>
    public long ReadRss()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>Reports the uploader stored (and merged into the rollups), from <c>telemetry_upload_reports_total</c>.</summary>
    public async Task<long> StoredReportsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(OperationsAddress + "/metrics"), cancellationToken);
        return (long)PrometheusSamples.Values(text, "telemetry_upload_reports_total").Sum();
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
}
