using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Testing;
using Telemetry.Upload.Sinks;
using Telemetry.V1;

namespace Telemetry.Upload.Benchmarks;

/// <summary>
/// Fills the buffer with small reports exactly as the ingestion buffer writes them, then measures how fast one
/// uploader instance (default options: 4 shards, batches of 1,000) drains it into a sink, until every entry is
/// acknowledged and deleted, after a warm-up drain of a quarter as many.
/// </summary>
internal static class DrainBenchmark
{
    /// <summary>Runs the benchmark of one sink and returns its measured drain rate in reports per second.</summary>
    public static async Task<double> RunAsync(string sinkName, int count)
    {
        await using var redisServer = await RedisServer.StartAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString + ",syncTimeout=20000,allowAdmin=true");
        // Production setting (docker/compose.yaml): AOF with an fsync every second, not after every write as the
        // test server does.
        await redis.GetDatabase().ExecuteAsync("CONFIG", "SET", "appendfsync", "everysec");
        var options = new UploadOptions { Sink = sinkName == "null" ? "files" : sinkName };
        var keys = new BufferKeyspace(options.KeyPrefix, options.Shards);
        var directory = Directory.CreateTempSubdirectory("telemetry-bench-").FullName;
        options.Files.Directory = directory;
        PostgresServer? postgres = null;
        IReportSink sink;
        if (sinkName == "postgres")
        {
            postgres = await PostgresServer.StartAsync();
            options.Postgres.ConnectionString = postgres.ConnectionString;
            var pg = new PostgresReportSink(Options.Create(options));
            await pg.MigrateAsync();
            sink = pg;
        }
        else if (sinkName == "null")
        {
            sink = new NullSink();
        }
        else
        {
            sink = new FileReportSink(Options.Create(options));
        }

        try
        {
            await CreateGroupsAsync(redis, keys);

            // A first uploader drains a quarter as many reports: that compiles and tiers up the code paths (about 5 µs
            // per report of a 200k-report drain goes to the JIT otherwise), so the measured drain, by a second
            // uploader in the same process, shows the rate of a running uploader.
            var warmUp = Math.Max(count / 4, 10_000);
            await FillAsync(redis, keys, warmUp);
            await DrainAsync(redis, keys, sink, options);

            var fill = Stopwatch.StartNew();
            var bytes = await FillAsync(redis, keys, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sinkName}: buffered {count:N0} reports ({bytes / count} bytes each) in {fill.Elapsed.TotalSeconds:F1} s, after a warm-up drain of {warmUp:N0}"));

            // Redis rewrites its AOF each time the file doubles, in a forked child whose copy-on-write faults slow the
            // parent's every command: when the fill happened to leave the AOF, not the drain, would decide whether a
            // rewrite falls into the measured drain. Starting from a rewritten AOF, the drain pays for the rewrites
            // its own writes cause, which the last line shows.
            await RewriteAofAsync(redis);
            await redis.GetDatabase().ExecuteAsync("CONFIG", "RESETSTAT");
            var redisCpuBefore = await RedisCpuSecondsAsync(redis);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var machineBefore = MachineCpu.Read();
            var (uploaded, elapsed) = await DrainAsync(redis, keys, sink, options);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var machine = MachineCpu.Read() - machineBefore;
            var redisCpuAfter = await RedisCpuSecondsAsync(redis);
            var redisCpu = (Self: redisCpuAfter.Self - redisCpuBefore.Self, Children: redisCpuAfter.Children - redisCpuBefore.Children);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sinkName}: drained {uploaded:N0} reports in {elapsed.TotalSeconds:F2} s = {uploaded / elapsed.TotalSeconds:N0} reports/s"));
            // The machine is shared, so wall time depends on what else runs; CPU time per report does not, and gives
            // the rate the uploader and Redis would reach with the two cores to themselves.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sinkName}: CPU per report: uploader process {cpu * 1e6 / count:F1} µs, redis-server {redisCpu.Self * 1e6 / count:F1} µs; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sinkName}: whole machine: {machine.BusySeconds * 1e6 / count:F1} µs of CPU per report, cores {machine.BusySeconds / elapsed.TotalSeconds:F2} busy of {System.Environment.ProcessorCount} ({machine.IoWaitSeconds / elapsed.TotalSeconds:F2} waiting for I/O)"));
            Console.WriteLine($"{sinkName}: redis-server time per report by command: {await CommandTimesAsync(redis, count)}");
            var stats = await RedisInfoAsync(redis, "stats");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sinkName}: AOF rewrites during the drain {Number(stats, "total_forks"):F0}, their CPU {redisCpu.Children * 1e6 / count:F1} µs per report (not in the redis-server figure above)"));
            return uploaded / elapsed.TotalSeconds;
        }
        finally
        {
            switch (sink)
            {
                case IAsyncDisposable disposable:
                    await disposable.DisposeAsync();
                    break;
            }

            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A report of the size and shape the benchmark buffers (188 bytes), of an installation of <paramref name="cluster"/>.</summary>
    public static UsageReport Report(string cluster) => new()
    {
        ReportId = Guid.NewGuid().ToString(),
        SchemaVersion = 1,
        Instance = new InstanceIdentity { ClusterId = cluster, InstanceId = Guid.NewGuid().ToString() },
        Build = new BuildInfo { Version = "2.8.0" },
        Environment = new Telemetry.V1.Environment { Os = "linux", Arch = "amd64" },
        Target = "all",
        Edition = "oss",
        ReportTime = Timestamp.FromDateTime(DateTime.UtcNow),
        Mimir = new MimirReport { Target = "all", Os = "linux", Arch = "amd64" },
    };

    private static async Task<long> FillAsync(ConnectionMultiplexer redis, BufferKeyspace keys, int count)
    {
        var db = redis.GetDatabase();
        long bytes = 0;
        var pending = new List<Task>(4096);
        var arrival = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var cluster = Guid.NewGuid().ToString();
        for (var i = 0; i < count; i++)
        {
            var report = Report(cluster);
            var payload = report.ToByteArray();
            bytes += payload.Length;
            var shard = i % keys.Shards;
            pending.Add(db.ExecuteAsync("XADD", keys.Stream(shard), "*", "report_id", report.ReportId, "product", "mimir", "arrival_ms", arrival, "report", (RedisValue)payload));
            pending.Add(db.HashIncrementAsync(keys.Stats(shard), BufferFields.StatsBytes, payload.Length));
            // The append script remembers the report_id with its entry ID; a value of the same size costs the same.
            pending.Add(db.HashSetAsync(keys.ReportIds(shard), report.ReportId, arrival + "-0"));
            if (pending.Count >= 4096)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        return bytes;
    }

    // The CPU of redis-server itself and of its exited children (the AOF rewrites).
    private static async Task<(double Self, double Children)> RedisCpuSecondsAsync(ConnectionMultiplexer redis)
    {
        var cpu = await RedisInfoAsync(redis, "cpu");
        return (Number(cpu, "used_cpu_user") + Number(cpu, "used_cpu_sys"),
            Number(cpu, "used_cpu_user_children") + Number(cpu, "used_cpu_sys_children"));
    }

    private static async Task<Dictionary<string, string>> RedisInfoAsync(ConnectionMultiplexer redis, string section)
    {
        var info = (string)(await redis.GetDatabase().ExecuteAsync("INFO", section))!;
        return info.Split('\n')
            .Select(line => line.Trim().Split(':'))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    private static double Number(Dictionary<string, string> info, string name) =>
        double.Parse(info[name], CultureInfo.InvariantCulture);

    /// <summary>Rewrites the AOF (BGREWRITEAOF) and waits until no rewrite runs or is scheduled (at most a minute).</summary>
    private static async Task RewriteAofAsync(ConnectionMultiplexer redis)
    {
        try
        {
            await redis.GetDatabase().ExecuteAsync("BGREWRITEAOF");
        }
        catch (RedisServerException exception) when (exception.Message.Contains("already in progress", StringComparison.Ordinal))
        {
        }

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var persistence = await RedisInfoAsync(redis, "persistence");
            if (persistence["aof_rewrite_in_progress"] == "0" && persistence["aof_rewrite_scheduled"] == "0")
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Redis's own accounting of the time each command took (INFO commandstats, reset before the drain), per report:
    /// what the drain costs Redis beyond the bytes it moves. The rest of its CPU goes to I/O and the AOF.
    /// </summary>
    private static async Task<string> CommandTimesAsync(ConnectionMultiplexer redis, int count)
    {
        var info = (string)(await redis.GetDatabase().ExecuteAsync("INFO", "commandstats"))!;
        var times = new List<(string Command, double Micros, long Calls)>();
        foreach (var line in info.Split('\n'))
        {
            // cmdstat_xack:calls=200,usec=123456,usec_per_call=617.28,...
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                continue;
            }

            var name = trimmed["cmdstat_".Length..trimmed.IndexOf(':', StringComparison.Ordinal)];
            var parts = trimmed[(trimmed.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',');
            var micros = double.Parse(Field(parts, "usec"), CultureInfo.InvariantCulture);
            times.Add((name, micros / count, long.Parse(Field(parts, "calls"), CultureInfo.InvariantCulture)));
        }

        return string.Join(", ", times.Where(t => t.Micros >= 0.05).OrderByDescending(t => t.Micros)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Command} {t.Micros:F2} µs ({t.Calls:N0} calls)")));

        static string Field(string[] parts, string name) =>
            parts.First(part => part.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];
    }

    /// <summary>Runs an uploader until the buffer is empty; returns how many reports it stored and how long it took.</summary>
    private static async Task<(long Uploaded, TimeSpan Elapsed)> DrainAsync(ConnectionMultiplexer redis, BufferKeyspace keys, IReportSink sink, UploadOptions options)
    {
        // Nothing listens to the meters, as in an uploader that exports no metrics.
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new UploadMetrics(services.GetRequiredService<IMeterFactory>());
        var uploader = new BatchUploader(redis, sink, Options.Create(options), metrics, NullLogger<BatchUploader>.Instance);
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.StartNew();
        var run = Task.Run(() => uploader.RunAsync(stop.Token));
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (await LengthAsync(redis, keys) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var elapsed = started.Elapsed;
        await stop.CancelAsync();
        await run;
        return (metrics.ReportsUploaded(sink.Name), elapsed);
    }

    private static async Task CreateGroupsAsync(ConnectionMultiplexer redis, BufferKeyspace keys)
    {
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            await redis.GetDatabase().ExecuteAsync("XGROUP", "CREATE", keys.Stream(shard), BufferKeyspace.ConsumerGroup, "0", "MKSTREAM");
        }
    }

    private static async Task<long> LengthAsync(ConnectionMultiplexer redis, BufferKeyspace keys)
    {
        long total = 0;
        for (var shard = 0; shard < keys.Shards; shard++)
        {
            total += (long)await redis.GetDatabase().ExecuteAsync("XLEN", keys.Stream(shard));
        }

        return total;
    }
}
