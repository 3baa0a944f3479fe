using System.Diagnostics;
using System.Globalization;

using Telemetry.Testing;

namespace Telemetry.Chaos;

/// <summary>
/// The collector as its own process (<c>dotnet Telemetry.Server.dll</c>) on fixed loopback ports, so a restarted
/// one serves where the killed one did; its uploader stores into the file sink directory the suite reads back.
/// </summary>
internal sealed class CollectorProcess(string serverDll, string redisConfiguration, string reportsDirectory)
{
    private Process? _process;

    public int GrpcPort { get; } = Testing.FreePort.Next();

    public int OperationsPort { get; } = Testing.FreePort.Next();

    public int IntakePort { get; } = Testing.FreePort.Next();

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>Settings (environment variables) of the next start on top of the suite's own, for one fault's set-up.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                serverDll,
                "--urls", $"http://127.0.0.1:{GrpcPort}",
                $"--Kestrel:Endpoints:Operations:Url=http://127.0.0.1:{OperationsPort}",
                $"--Kestrel:Endpoints:Intake:Url=http://127.0.0.1:{IntakePort}",
            },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Redis__Configuration"] = redisConfiguration;
        start.Environment["Privacy__HashKey"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 5)).ToArray());
        start.Environment["RateLimiting__Enabled"] = "false";
        start.Environment["Upload__Files__Directory"] = reportsDirectory;
        // Files close one second after the last batch, so the suite can read them back soon after load stops.
        start.Environment["Upload__Files__RotationIdleTime"] = "00:00:01";
        // The insights store goes with the run's files, not into the working directory.
        start.Environment["Insights__DuckDbPath"] = Path.Combine(reportsDirectory, ".insights.duckdb");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in Settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the collector");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        // /healthz answers once Kestrel listens, even while Redis is down.
        await ReadinessProbe.WaitUntilOkAsync(process, new Uri($"http://127.0.0.1:{OperationsPort}/healthz"), cancellationToken);
    }

    /// <summary>Ends the process with SIGKILL, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Asks the process to stop with SIGTERM and waits for it, as an orchestrator's stop would.</summary>
    public async Task TerminateAsync(TimeSpan limit)
    {
        if (_process is not { HasExited: false })
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"the collector did not stop within {limit} of SIGTERM");
        }
    }

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>Resident set size from <c>/proc/PID/status</c>, in bytes.</summary>
    public long ReadRss()
    {
        var line = File.ReadLines($"/proc/{_process!.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>
    /// The GC's committed memory after its last collection, from the collector's <c>/metrics</c>, in bytes; it tells
    /// managed heap from native memory in the RSS.
    /// </summary>
    public async Task<long?> ReadGcCommittedAsync() =>
        (long?)await ReadMetricAsync("dotnet_gc_last_collection_memory_committed_size_bytes");

    /// <summary>The sum of every series of a metric on the collector's <c>/metrics</c>; null when it has none.</summary>
    public async Task<double?> ReadMetricAsync(string name)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{OperationsPort}/metrics"));
        var values = PrometheusSamples.Values(text, name);
        return values.Count == 0 ? null : values.Sum();
    }
}
