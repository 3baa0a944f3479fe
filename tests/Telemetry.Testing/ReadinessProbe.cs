using System.Diagnostics;
using System.Net;

namespace Telemetry.Testing;

/// <summary>Waits for a server process started by a test or benchmark to answer an HTTP probe.</summary>
public static class ReadinessProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Polls <paramref name="endpoint"/> every 100 ms until it answers 200 OK; throws when <paramref name="process"/>
    /// exits first or 60 seconds pass.
    /// </summary>
    public static async Task WaitUntilOkAsync(Process process, Uri endpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < Limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the collector exited with code {process.ExitCode} during start-up");
            }

            try
            {
                using var response = await http.GetAsync(endpoint, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe timed out; try again.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"the collector did not answer {endpoint} within {Limit.TotalSeconds:F0} seconds");
    }
}
