using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Telemetry.Testing;

/// <summary>
/// A private PostgreSQL 15 server on 127.0.0.1 and a free port: <c>initdb</c> into a temporary directory, then
/// <c>postgres -D dir -p port -k dir</c>. PostgreSQL refuses to run as root, so as root both run as the
/// <c>postgres</c> user through <c>runuser</c> (the directory is handed to that user). Stop and start it to simulate
/// an outage.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly string _dataDirectory;
    private Process? _process;

    private PostgresServer(int port, string directory)
    {
        Port = port;
        _directory = directory;
        _dataDirectory = Path.Combine(directory, "data");
    }

    public int Port { get; }

    /// <summary>An Npgsql connection string for database <c>postgres</c> as superuser <c>postgres</c> (trust authentication).</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=30;Pooling=true";

    /// <summary>Creates a fresh database on the server and returns its connection string, so each test starts empty.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var binary in new[] { "initdb", "postgres" })
        {
            if (!File.Exists(Path.Combine(BinDirectory, binary)))
            {
                throw new FileNotFoundException($"{BinDirectory}/{binary} is missing; run scripts/setup.sh (it installs Debian's postgresql).");
            }
        }

        var directory = Directory.CreateTempSubdirectory("telemetry-postgres-").FullName;
        var server = new PostgresServer(FreePort.Next(), directory);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], cancellationToken);
        }

        await RunAsync(Command("initdb"), [.. Prefix("initdb"), "-D", server._dataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"], cancellationToken);
        await server.StartAgainAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server (again) on the same port and data directory.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Command("postgres"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Prefix("postgres").Concat([
            "-D", _dataDirectory,
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-k", _directory,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=100",
            "-c", "shared_buffers=128MB",
        ]))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start postgres");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAcceptingAsync(cancellationToken);
    }

    /// <summary>Stops the server with a fast shutdown (SIGINT: connections are closed, no new ones accepted).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            // SIGINT is PostgreSQL's fast shutdown. Under runuser the process started is runuser, which does not pass
            // the signal on, so signal the postmaster itself (its PID is the first line of postmaster.pid).
            var pid = _process.Id;
            var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var postmaster))
            {
                pid = postmaster;
            }

            await RunAsync("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)], CancellationToken.None);
            using var timeout = new CancellationTokenSource(StartTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            await WaitUntilPortClosedAsync();
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
            // The temporary directory is left for the OS to clean up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string Command(string binary) => IsRoot ? "runuser" : Path.Combine(BinDirectory, binary);

    private static string[] Prefix(string binary) => IsRoot ? ["-u", "postgres", "--", Path.Combine(BinDirectory, binary)] : [];

    private static async Task RunAsync(string command, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"postgres exited with code {_process.ExitCode} while starting");
            }

            // The port accepts before the server is ready for queries ("the database system is starting up"), so
            // wait for a query to succeed.
            if (await CanQueryAsync(cancellationToken))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"postgres did not accept connections on port {Port} within {StartTimeout}");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    private async Task WaitUntilPortClosedAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && await CanConnectAsync(CancellationToken.None))
        {
            await Task.Delay(25);
        }
    }

    private async Task<bool> CanQueryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
