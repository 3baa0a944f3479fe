using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Telemetry.Grpc.PeerTests.Infrastructure;

/// <summary>
/// A peer server running as a child process: it prints <c>listening &lt;port&gt;</c> once bound to 127.0.0.1 and
/// stops when its stdin closes; it is killed if it does not.
/// </summary>
internal sealed class PeerServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors;

    private PeerServerProcess(Process process, StringBuilder errors, int port)
    {
        _process = process;
        _errors = errors;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>What the server wrote to stderr so far, for assertion messages.</summary>
    public string StandardError
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static async Task<PeerServerProcess> StartAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }

        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            string stderr;
            lock (errors)
            {
                stderr = errors.ToString();
            }

            process.Dispose();
            throw new InvalidOperationException($"{fileName} did not report its port (first line: {line ?? "none"}); stderr: {stderr}");
        }

        return new PeerServerProcess(process, errors, int.Parse(line["listening ".Length..], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
