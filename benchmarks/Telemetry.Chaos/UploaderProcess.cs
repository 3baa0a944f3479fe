using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Telemetry.Chaos;

/// <summary>
/// The separate uploader (<c>dotnet telemetry-uploader.dll</c>) draining the suite's Redis into the file sink
/// directory, for the faults that run the collector with <c>Upload:RunInCollector=false</c>.
/// </summary>
internal sealed class UploaderProcess(string uploaderDll, string redisConfiguration, string reportsDirectory)
{
    private readonly int _operationsPort = Testing.FreePort.Next();
    private Process? _process;

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { uploaderDll },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Redis__Configuration"] = redisConfiguration;
        start.Environment["Upload__Files__Directory"] = reportsDirectory;
        start.Environment["Upload__Files__RotationIdleTime"] = "00:00:01";
        start.Environment["Kestrel__Endpoints__Operations__Url"] = $"http://127.0.0.1:{_operationsPort}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the uploader");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the uploader exited with code {process.ExitCode} during start-up");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{_operationsPort}/healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the uploader did not listen within 60 seconds");
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

    /// <summary>Stops the process with SIGTERM (its batches in hand are stored), killing it after 30 s.</summary>
    public async Task TerminateAsync()
    {
        if (_process is not { HasExited: false })
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }
}
