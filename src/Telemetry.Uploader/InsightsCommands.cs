using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Insights;
using Telemetry.Upload;

namespace Telemetry.Uploader;

/// <summary>
/// <c>telemetry-uploader insights rebuild</c>: recomputes the insights rollups from the reports the configured sink
/// holds, with the same configuration as the collector (<c>Upload:*</c> for the sink, <c>Insights:*</c> for the
/// rollup store), and prints what it read and how long it took.
/// </summary>
internal static class InsightsCommands
{
    public static Command Create(Option<string[]> set)
    {
        var rebuild = new Command("rebuild",
            "Rebuilds the insights rollups from the sink's stored reports (stop the collector first when it uses the file sink or DuckDB: one process at a time may open them).");
        rebuild.SetAction((parse, cancellationToken) => RebuildAsync(parse.GetValue(set), cancellationToken));
        return new Command("insights", "Manages the insights rollups.") { rebuild };
    }

    private static async Task<int> RebuildAsync(string[]? settings, CancellationToken cancellationToken)
    {
        await using var services = UploaderCommands.Services(settings, (collection, configuration) => collection.AddInsights(configuration));
        if (services.GetService<RollupRebuild>() is not { } rebuild)
        {
            await Console.Error.WriteLineAsync("Insights are turned off (Insights:Enabled=false): there are no rollups to rebuild.");
            return 2;
        }

        var store = services.GetRequiredService<RollupStore>();
        var sink = services.GetRequiredService<IReportSink>();
        var started = TimeProvider.System.GetTimestamp();
        long reports;
        try
        {
            reports = await rebuild.RunAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or SinkUnavailableException or DbException)
        {
            // Plain text on stderr: a script or a log keeps the whole message.
            await Console.Error.WriteLineAsync($"The rollups could not be rebuilt: {exception.Message}");
            return 1;
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var counts = await store.QueryAsync(
            "SELECT (SELECT count(*) FROM insight_days), (SELECT count(DISTINCT instance) FROM insight_days), (SELECT count(DISTINCT product) FROM insight_days)", [],
            r => (Days: Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Installations: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
                Products: Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)), cancellationToken);
        var (days, installations, products) = counts[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rebuilt the {store.Name} rollups from {reports} reports stored by the {sink.Name} sink in {elapsed.TotalSeconds:0.0} s: {days} installation-days, {installations} installations, {products} products."));
        return 0;
    }
}
