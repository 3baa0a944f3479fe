using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Health.V1;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// The ceilings the ingestion figures are read against, measured on the same machine in the same run: the
/// collector's gRPC health Check rate under h2load (the cost of the HTTP/2 and gRPC layers alone) and Redis's XADD
/// rate under redis-benchmark (the cost of the buffer alone).
/// </summary>
internal static partial class Ceilings
{
    /// <summary>
    /// h2load against <c>/grpc.health.v1.Health/Check</c> with a framed empty <c>HealthCheckRequest</c>. h2load judges
    /// only the HTTP status, so the same request is first checked with a gRPC client to answer OK/SERVING.
    /// </summary>
    public static async Task<double> HealthCheckRateAsync(Health.HealthClient health, int port, int requests, CancellationToken cancellationToken)
    {
        var response = await health.CheckAsync(new HealthCheckRequest { Service = string.Empty },
            deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
        if (response.Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            throw new InvalidOperationException($"the health check answered {response.Status}, not SERVING");
        }

        // HealthCheckRequest{service:""} serializes to no bytes: the body is the 5-byte prefix alone.
        var body = Path.Combine(Path.GetTempPath(), $"telemetry-bench-health-{Environment.ProcessId}.grpc");
        await File.WriteAllBytesAsync(body, new byte[5], cancellationToken);
        try
        {
            var output = await RunAsync("h2load", [
                "-n", requests.ToString(CultureInfo.InvariantCulture), "-c", "4", "-m", "100", "-t", "1",
                "-H", "content-type: application/grpc", "-H", "te: trailers", "-d", body,
                $"http://127.0.0.1:{port}/grpc.health.v1.Health/Check",
            ], cancellationToken);
            var done = H2loadRequests().Match(output);
            if (!done.Success || done.Groups["succeeded"].Value != requests.ToString(CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("h2load did not complete every request:\n" + output);
            }

            return double.Parse(H2loadRate().Match(output).Groups["rate"].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(body);
        }
    }

    /// <summary>The command line of <see cref="XaddRateAsync"/>, for the report.</summary>
    public static string XaddCommand(int port, int requests) =>
        $"redis-benchmark -h 127.0.0.1 -p {port} -n {requests} -P 16 -q XADD bench '*' f v";

    /// <summary>redis-benchmark pipelining XADD into one stream (the key is deleted afterwards).</summary>
    public static async Task<double> XaddRateAsync(int port, int requests, CancellationToken cancellationToken)
    {
        var output = await RunAsync("redis-benchmark", [
            "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
            "-n", requests.ToString(CultureInfo.InvariantCulture), "-P", "16", "-q", "XADD", "bench", "*", "f", "v",
        ], cancellationToken);
        await RunAsync("redis-cli", ["-p", port.ToString(CultureInfo.InvariantCulture), "DEL", "bench"], cancellationToken);
        var matches = RedisBenchmarkRate().Matches(output);
        if (matches.Count == 0)
        {
            throw new InvalidOperationException("redis-benchmark printed no rate:\n" + output);
        }

        return double.Parse(matches[^1].Groups["rate"].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with code {process.ExitCode}:\n{text}");
        }

        return text;
    }

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<succeeded>\d+) succeeded")]
    private static partial Regex H2loadRequests();

    [GeneratedRegex(@"finished in [0-9.]+m?s, (?<rate>[0-9.]+) req/s")]
    private static partial Regex H2loadRate();

    [GeneratedRegex(@"(?<rate>[0-9.]+) requests per second")]
    private static partial Regex RedisBenchmarkRate();
}
