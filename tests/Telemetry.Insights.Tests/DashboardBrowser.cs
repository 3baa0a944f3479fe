using System.Text.Json;
using Telemetry.Testing;

namespace Telemetry.Insights.Tests;

/// <summary>Drives the page in a real headless Chromium against a live collector (Dashboard/dashboard.mjs).</summary>
internal static class DashboardBrowser
{
    /// <summary>Runs Dashboard/dashboard.mjs and returns what it saw.</summary>
    public static async Task<JsonElement> BrowseAsync(Uri operations, string token, DateOnly narrowFrom, string screenshot)
    {
        // Run from the source tree, so Node finds puppeteer-core in the repository's node_modules.
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Telemetry.Insights.Tests", "Dashboard", "dashboard.mjs");
        var result = await ChildProcess.RunAsync("node",
            [script, new Uri(operations, "/insights/").ToString(), token, Population.Product, narrowFrom.ToString("yyyy-MM-dd", null), screenshot],
            TimeSpan.FromSeconds(90));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return JsonDocument.Parse(result.StandardOutput.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
