using System.Diagnostics;
using System.Globalization;
using Telemetry.Insights.Benchmarks;
using Telemetry.Testing;

// Ingests a generated population through the real path (gRPC -> collector -> Redis -> uploader -> file sink +
// DuckDB rollups), then prints rollup lag, question latencies cold and cached, the collector's memory and the time
// to rebuild the rollups from the stored reports, beside their targets.
var options = BenchOptions.Parse(args);
using var cancellation = new CancellationTokenSource(TimeSpan.FromHours(2));
var token = cancellation.Token;
var directory = Directory.CreateTempSubdirectory("telemetry-bench-insights-").FullName;
var population = new GeneratedPopulation(options);
var rows = new List<(string Figure, string Value, string Target, bool? Met)>();
// Each figure is printed as soon as it is measured too, so a run stopped early still shows what it measured.
void Add(string figure, string value, string target, bool? met)
{
    rows.Add((figure, value, target, met));
    Console.WriteLine($"{figure}: {value}");
}

try
{
    await using var redis = await RedisServer.StartAsync(token);
    var settings = BenchCollector.Settings(redis.ConnectionString, directory, options.Days);
    long peakRss = 0;
    await using (var collector = await BenchCollector.StartAsync(Path.GetFullPath(options.Collector), settings, token))
    {
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(token);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, collector.ReadRss());
                await Task.Delay(250, CancellationToken.None);
            }
        }, CancellationToken.None);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sending {options.Reports:N0} reports of {options.Installations:N0} installations over {options.Days} days…"));
        var started = Stopwatch.GetTimestamp();
        var accepted = await PopulationSender.SendAsync(collector.GrpcAddress, population.Reports(), options, token);
        var sendTime = Stopwatch.GetElapsedTime(started);
        Add("ingest", string.Create(CultureInfo.InvariantCulture, $"{accepted:N0} reports in {sendTime.TotalSeconds:0.0} s ({accepted / sendTime.TotalSeconds:N0}/s)"), string.Empty, null);

        // Lag: from the last acknowledgement until the uploader has stored (and merged into the rollups) every report.
        using var http = new HttpClient();
        var uploaded = Stopwatch.GetTimestamp();
        while (await collector.StoredReportsAsync(http, token) < accepted)
        {
            await Task.Delay(250, token);
        }

        var lag = Stopwatch.GetElapsedTime(uploaded);
        Add("rollup lag after upload", $"{lag.TotalSeconds:0.0} s", "<= 60 s", lag <= TimeSpan.FromSeconds(60));
        var merged = await RollupCompleteness.InstallationsAsync(collector.OperationsAddress, population.FirstDay, population.LastDay, token);
        Add("installations in the rollups", $"{merged:N0}", $"= {options.Installations:N0}", merged == options.Installations);
        var days = await RollupCompleteness.InstallationDaysAsync(collector.OperationsAddress, population.FirstDay, population.LastDay, token);
        var expectedDays = population.InstallationDays();
        Add("installation-days in the rollups", $"{days:N0}", $"= {expectedDays:N0}", days == expectedDays);

        foreach (var (name, coldP50, coldP95, cachedP50, cachedP95) in await QuestionTimings.MeasureAsync(
            collector.OperationsAddress, population.FirstDay, population.LastDay, options.Samples, token))
        {
            Add($"{name}, cold p50 / p95", $"{coldP50:0.0} / {coldP95:0.0} ms", "p95 <= 300 ms", coldP95 <= 300);
            Add($"{name}, cached p50 / p95", $"{cachedP50:0.0} / {cachedP95:0.0} ms", "p95 <= 20 ms", cachedP95 <= 20);
        }

        await sampling.CancelAsync();
        await sampler;
        Add("collector peak RSS (sampled every 250 ms)", $"{peakRss / 1048576.0:0} MiB", "<= 300 MiB", peakRss <= 300L * 1048576);
    }

    // The rebuild reads every stored file, so the collector (which holds the file sink and DuckDB) is stopped first.
    var rebuild = await ChildProcess.RunAsync("dotnet", [Path.GetFullPath(options.Uploader), "insights", "rebuild"], TimeSpan.FromHours(1), settings, directory, token);
    if (rebuild.ExitCode != 0)
    {
        throw new InvalidOperationException($"insights rebuild failed: {rebuild}");
    }

    Add("rebuild from stored reports", rebuild.StandardOutput.Trim(), string.Empty, null);
}
finally
{
    Directory.Delete(directory, recursive: true);
}

Console.WriteLine();
Console.WriteLine($"{"figure",-44} {"value",-24} {"target",-14} ok");
foreach (var (figure, value, target, met) in rows)
{
    Console.WriteLine($"{figure,-44} {value,-24} {target,-14} {(met is null ? string.Empty : met.Value ? "yes" : "NO")}");
}
