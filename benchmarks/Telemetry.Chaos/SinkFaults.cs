using System.ComponentModel;
using Telemetry.Testing;

namespace Telemetry.Chaos;

/// <summary>
/// The faults of the storage behind the uploader: PostgreSQL stopped, and the file sink's disk full. In both the
/// uploader must retry without counting the outage against the reports, readiness must say the sink is down, and
/// once it is back every acknowledged report must be stored once.
/// </summary>
internal sealed class SinkFaults(CollectorProcess collector, FaultRun run, bool longForm)
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    /// <summary>The outage: 60 s in the long form, 5 s in the short one (several failed upload attempts).</summary>
    private TimeSpan Outage => TimeSpan.FromSeconds(longForm ? 60 : 5);

    /// <summary>The collector with the PostgreSQL sink; PostgreSQL stopped (fast shutdown) under load, then started again.</summary>
    public async Task<FaultResult> PostgresDownAsync()
    {
        await using var postgres = await PostgresServer.StartAsync();
        collector.Settings["Upload__Sink"] = "postgres";
        collector.Settings["Upload__Postgres__ConnectionString"] = postgres.ConnectionString;
        await RestartCollectorAsync();
        try
        {
            return await run.WithSink(new PostgresSinkReader(postgres.ConnectionString))
                .RunAsync("postgres down", () => postgres.StopAsync(), () => postgres.StartAgainAsync(), outage: Outage, expectSinkDown: true);
        }
        finally
        {
            collector.Settings.Clear();
            await RestartCollectorAsync();
        }
    }

    /// <summary>
    /// The file sink on a small tmpfs of its own, filled up by another file (every write fails with ENOSPC, open
    /// files included) and freed again. Mounting needs privilege (root, or CAP_SYS_ADMIN): without it the fault is
    /// skipped with the reason, and returns null.
    /// </summary>
    public async Task<FaultResult?> DiskFullAsync()
    {
        var mountPoint = Directory.CreateTempSubdirectory("telemetry-chaos-disk-").FullName;
        var mounted = await RunAsync("mount", "-t", "tmpfs", "-o", "size=128m,mode=0755", "tmpfs", mountPoint);
        if (mounted is not null)
        {
            Console.WriteLine($"|   sink disk full: skipped, a tmpfs cannot be mounted here ({mounted}) |");
            Directory.Delete(mountPoint);
            return null;
        }

        var filler = Path.Combine(mountPoint, "filler");
        collector.Settings["Upload__Files__Directory"] = Path.Combine(mountPoint, "reports");
        await RestartCollectorAsync();
        try
        {
            return await run.WithSink(new FileSinkReader(mountPoint))
                .RunAsync("sink disk full", () => FillAsync(filler), () => Task.Run(() => File.Delete(filler)), outage: Outage, expectSinkDown: true);
        }
        finally
        {
            collector.Settings.Clear();
            await RestartCollectorAsync();
            await RunAsync("umount", mountPoint);
            Directory.Delete(mountPoint, recursive: true);
        }
    }

    /// <summary>Writes the filesystem's every free byte into <paramref name="path"/>, down to the last page.</summary>
    private static async Task FillAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        foreach (var size in new[] { 1 << 20, 4096 })
        {
            var chunk = new byte[size];
            try
            {
                while (true)
                {
                    await file.WriteAsync(chunk);
                }
            }
            catch (IOException)
            {
                // ENOSPC: full at this granularity; go on with smaller writes.
            }
        }
    }

    private async Task RestartCollectorAsync()
    {
        await collector.TerminateAsync(StopLimit);
        await collector.StartAsync(CancellationToken.None);
    }

    /// <summary>Runs a command; null when it succeeded, else what it said.</summary>
    private static async Task<string?> RunAsync(string command, params string[] arguments)
    {
        try
        {
            var result = await ChildProcess.RunAsync(command, arguments, TimeSpan.FromSeconds(30));
            return result.ExitCode == 0 ? null : $"{command} exited {result.ExitCode}: {(result.StandardError + result.StandardOutput).Trim()}";
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException)
        {
            return $"{command}: {exception.Message}";
        }
    }
}
