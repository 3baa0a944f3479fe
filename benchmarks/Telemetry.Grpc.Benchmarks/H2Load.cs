using System.Globalization;
using System.Text.RegularExpressions;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>
/// Unary load with h2load (grpc-wire-notes §16). h2load judges only the HTTP status, so each run is checked
/// against the server's own count of OK calls.
/// </summary>
internal static partial class H2Load
{
    public static async Task<UnaryRun> RunAsync(
        ServerProcess server,
        int port,
        string path,
        string bodyFile,
        BenchmarkOptions options,
        int requests,
        CancellationToken cancellationToken)
    {
        var before = await server.GetStatsAsync(cancellationToken);
        var (exitCode, output) = await ExternalTool.RunAsync(
            "h2load",
            [
                "-n", requests.ToString(CultureInfo.InvariantCulture),
                "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
                "-m", options.Streams.ToString(CultureInfo.InvariantCulture),
                "-t", "1",
                "-H", "content-type: application/grpc",
                "-H", "te: trailers",
                "-d", bodyFile,
                $"http://127.0.0.1:{port}{path}",
            ],
            options.H2LoadTimeout,
            cancellationToken);
        var after = await server.GetStatsAsync(cancellationToken);

        var rate = RateRegex().Match(output);
        var succeeded = SucceededRegex().Match(output);
        if (exitCode != 0 || !rate.Success || !succeeded.Success)
        {
            throw new InvalidOperationException($"h2load failed (exit code {exitCode}):{Environment.NewLine}{output}");
        }

        var okCalls = after["calls"] - before["calls"];
        var errors = after["errors"] - before["errors"];
        var succeededCount = long.Parse(succeeded.Groups[1].Value, CultureInfo.InvariantCulture);
        if (succeededCount != requests || okCalls != requests || errors != 0)
        {
            throw new InvalidOperationException(
                $"{path}: h2load succeeded {succeededCount} of {requests}, server counted {okCalls} OK and {errors} failed calls.");
        }

        return new UnaryRun(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            (double)(after["allocated"] - before["allocated"]) / requests,
            (double)(after["cpu_us"] - before["cpu_us"]) / requests);
    }

    [GeneratedRegex(@"finished in [^,]+, ([0-9.]+) req/s")]
    private static partial Regex RateRegex();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded")]
    private static partial Regex SucceededRegex();
}
