using System.Globalization;
using Telemetry.Testing;

namespace Telemetry.Chaos;

/// <summary>
/// The faults, in order, each under load with its set-up and tear-down outside the measured run. The short form is
/// what CI runs; the long form adds the heavy faults and lasts longer.
/// </summary>
internal sealed class FaultSuite(
    CollectorProcess collector, UploaderProcess uploader, RedisServer redis, FaultRun run, TimeSpan loadTime, bool longForm, string? only = null)
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    /// <summary>Runs every fault, printing a row each; returns how many passed and failed.</summary>
    public async Task<(int Passed, int Failed)> RunAsync()
    {
        Console.WriteLine(FaultRun.Header);
        var passed = 0;
        var failed = 0;
        void Count(FaultResult result)
        {
            Console.WriteLine(FaultRun.Row(result));
            (passed, failed) = result.Passed ? (passed + 1, failed) : (passed, failed + 1);
        }

        // "none" always runs: the overload is sized from its rate.
        var none = await run.RunAsync("none", () => Task.CompletedTask, () => Task.CompletedTask);
        Count(none);
        var kills = longForm ? 3 : 1;
        for (var i = 0; i < kills; i++)
        {
            if (Selected("redis kill -9"))
            {
                Count(await run.RunAsync("redis kill -9", () => redis.StopAsync(), () => redis.StartAgainAsync()));
            }

            if (Selected("collector kill -9"))
            {
                Count(await run.RunAsync("collector kill -9", () => collector.KillAsync(), () => collector.StartAsync(CancellationToken.None)));
            }

            if (Selected("collector SIGTERM"))
            {
                Count(await run.RunAsync("collector SIGTERM", () => collector.TerminateAsync(StopLimit), () => collector.StartAsync(CancellationToken.None)));
            }

            if (Selected("uploader kill -9"))
            {
                Count(await SeparateUploaderAsync());
            }
        }

        var sinks = new SinkFaults(collector, run, longForm);
        if (Selected("postgres down"))
        {
            Count(await sinks.PostgresDownAsync());
        }

        if (Selected("sink disk full") && await sinks.DiskFullAsync() is { } diskFull)
        {
            Count(diskFull);
        }

        if (Selected("redis cluster node -9"))
        {
            Count(await new ClusterFault(collector, run).NodeRestartAsync());
        }

        if (Selected("overload 3x drain"))
        {
            Count(await OverloadAsync(none));
        }

        return (passed, failed);
    }

    /// <summary>Whether <c>--only</c> picked the fault (every fault without it).</summary>
    private bool Selected(string fault) => only is null || fault.Contains(only, StringComparison.OrdinalIgnoreCase);

    /// <summary>The collector with <c>Upload:RunInCollector=false</c>; <c>telemetry-uploader</c> killed and restarted.</summary>
    private async Task<FaultResult> SeparateUploaderAsync()
    {
        collector.Settings["Upload__RunInCollector"] = "false";
        // The collector still builds the sink for its admin methods; keep it off the directory the uploader locks.
        collector.Settings["Upload__Files__Directory"] = Directory.CreateTempSubdirectory("telemetry-chaos-unused-").FullName;
        await RestartCollectorAsync();
        await uploader.StartAsync();
        try
        {
            return await run.RunAsync("uploader kill -9", () => uploader.KillAsync(), () => uploader.StartAsync());
        }
        finally
        {
            await uploader.TerminateAsync();
            var unused = collector.Settings["Upload__Files__Directory"];
            collector.Settings.Clear();
            await RestartCollectorAsync();
            Directory.Delete(unused, recursive: true);
        }
    }

    /// <summary>
    /// Clients sending three times as fast as the uploader may drain (its rate limit set to a third of the rate
    /// measured without faults; three, not two, so that a machine slowed by other work still overloads it) into a
    /// buffer bounded to about two seconds of drain: ingestion must answer OVERLOADED with retry delays
    /// the clients honour, and lose nothing. The overload lasts the load time (60 s in the long form).
    /// </summary>
    private async Task<FaultResult> OverloadAsync(FaultResult none)
    {
        const int BatchReports = 20;
        var drain = Math.Max(BatchReports, none.Acknowledged / loadTime.TotalSeconds / 3);
        collector.Settings["Upload__BatchMaxReports"] = BatchReports.ToString(CultureInfo.InvariantCulture);
        collector.Settings["Upload__MaxBatchesPerSecond"] = (drain / BatchReports).ToString("F2", CultureInfo.InvariantCulture);
        collector.Settings["Buffer__MaxEntriesPerShard"] = ((int)Math.Max(10, drain / 2)).ToString(CultureInfo.InvariantCulture);
        await RestartCollectorAsync();
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"|   overload: drain limited to {drain:F0} reports/s, {none.Acknowledged / loadTime.TotalSeconds:F0}/s offered without faults |"));
            var overload = longForm ? run.WithLoadTime(TimeSpan.FromSeconds(60)) : run;
            return await overload.RunAsync("overload 3x drain", () => Task.CompletedTask, () => Task.CompletedTask, expectPushBack: true);
        }
        finally
        {
            collector.Settings.Clear();
            await RestartCollectorAsync();
        }
    }

    private async Task RestartCollectorAsync()
    {
        await collector.TerminateAsync(StopLimit);
        await collector.StartAsync(CancellationToken.None);
    }
}
