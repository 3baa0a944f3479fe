using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>The server process started by the orchestrator, and its <c>/stats</c> counters.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _statsClient;

    private ServerProcess(Process process, int grpcPort, int barePort)
    {
        _process = process;
        GrpcPort = grpcPort;
        BarePort = barePort;
        _statsClient = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public int GrpcPort { get; }

    public int BarePort { get; }

    public static async Task<ServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        // Run as "dotnet Telemetry.Grpc.Benchmarks.dll" or through the apphost: start this program again with "serve".
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Unknown process path.");
        var startInfo = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            startInfo.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        startInfo.ArgumentList.Add("serve");
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the server process.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("The server process ended before it was ready.");
        var fields = line.Split(' ').Skip(1).Select(f => f.Split('=')).ToDictionary(f => f[0], f => int.Parse(f[1], CultureInfo.InvariantCulture));
        return new ServerProcess(process, fields["grpc"], fields["bare"]);
    }

    public async Task<IReadOnlyDictionary<string, long>> GetStatsAsync(CancellationToken cancellationToken)
    {
        var text = await _statsClient.GetStringAsync(new Uri($"http://127.0.0.1:{BarePort}{BenchmarkServers.StatsPath}"), cancellationToken);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('='))
            .ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        _statsClient.Dispose();
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
