using System.Diagnostics;
using System.Net.Sockets;

namespace Telemetry.Testing;

/// <summary>
/// A private redis-server process on 127.0.0.1 and a free port, with its data in a temporary directory
/// (append-only file on, so a restart keeps what was acknowledged). Stop and start it to simulate an outage.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly IReadOnlyList<string> _arguments;
    private Process? _process;

    private RedisServer(int port, string directory, IReadOnlyList<string> arguments)
    {
        Port = port;
        _directory = directory;
        _arguments = arguments;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectRetry=1,connectTimeout=2000,syncTimeout=2000";

    public static Task<RedisServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync([], cancellationToken);

    /// <summary>Starts a server with more settings, such as <c>--requirepass secret</c> or <c>--cluster-enabled yes</c>.</summary>
    public static async Task<RedisServer> StartAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("telemetry-redis-").FullName;
        var server = new RedisServer(FreePort.Next(), directory, arguments);
        await server.StartAgainAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server (again) on the same port and data directory.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        var binary = FindBinary();
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", _directory,
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--save", string.Empty,
                "--daemonize", "no",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAcceptingAsync(cancellationToken);
    }

    /// <summary>Kills the server process, as an outage would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process; the temporary directory is cleaned up by the OS.
        }
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && _process is { HasExited: false })
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    private static string FindBinary()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/bin"))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("redis-server is not installed; run scripts/setup.sh (it installs Debian's redis-server).");
    }
}
