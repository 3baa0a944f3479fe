using System.Diagnostics;

namespace Telemetry.Upload.Tests.Infrastructure;

/// <summary>
/// Runs one command with Debian's redis-cli against a test server: for the administration StackExchange.Redis 1.2.6
/// does not expose (cluster set-up, SCRIPT FLUSH, CLIENT PAUSE).
/// </summary>
public static class RedisCli
{
    public static async Task<string> RunAsync(int port, params string[] command)
    {
        var start = new ProcessStartInfo("redis-cli")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(command))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}
