using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Telemetry.Grpc.Tests.Infrastructure;

/// <summary>Runs the Debian gRPC peers (the Ruby interop client and server) as child processes.</summary>
public static class ExternalProcess
{
    private const string RubyGrpcTestDirectorySuffix = "src/ruby/pb/test";

    /// <summary>The directory of Debian ruby-grpc's interop client.rb and server.rb; a clear failure when missing.</summary>
    public static string RubyInteropDirectory { get; } = FindRubyInteropDirectory();

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments, out var output);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {timeout}\n{output}");
        }

        // WaitForExitAsync also waits for the redirected output to be read to its end.
        return (process.ExitCode, output.ToString());
    }

    public static Process Start(string fileName, IEnumerable<string> arguments, out StringBuilder output)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var buffer = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(buffer, e.Data);
        process.ErrorDataReceived += (_, e) => Append(buffer, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Cannot start '{fileName}' ({ex.Message}); scripts/setup.sh installs it.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = buffer;
        return process;
    }

    /// <summary>A port that was free a moment ago, for a peer that needs one on its command line.</summary>
    public static int GetFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port.</summary>
    public static async Task WaitForPortAsync(int port, Process process, StringBuilder output, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The peer exited with {process.ExitCode}: {output}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet: the peer is still starting; try again shortly.
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string FindRubyInteropDirectory()
    {
        // dpkg's file list of the package, named ruby-grpc.list or ruby-grpc:<arch>.list.
        const string DpkgInfo = "/var/lib/dpkg/info";
        var listFile = Directory.Exists(DpkgInfo)
            ? Directory.EnumerateFiles(DpkgInfo, "ruby-grpc*.list").FirstOrDefault(f => Path.GetFileName(f) is "ruby-grpc.list" || Path.GetFileName(f).StartsWith("ruby-grpc:", StringComparison.Ordinal))
            : null;
        if (listFile is null)
        {
            return string.Empty;
        }

        var client = File.ReadLines(listFile).FirstOrDefault(line => line.EndsWith(RubyGrpcTestDirectorySuffix + "/client.rb", StringComparison.Ordinal));
        return client is null ? string.Empty : Path.GetDirectoryName(client)!;
    }
}
