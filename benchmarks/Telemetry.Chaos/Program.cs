using System.Globalization;
using Telemetry.Chaos;
using Telemetry.Testing;

// Usage: Telemetry.Chaos --collector <Telemetry.Server.dll> --uploader <telemetry-uploader.dll> [--long]
//        [--fuzz [--inputs N] [--seed N]] [--soak [--minutes N] [--rate N] [--sample-seconds N]]
//        [--clients N] [--load-seconds N] [--only FAULT]
// Without --fuzz or --soak: the fault suite. Ends with "chaos: N passed, N failed"; the exit code is 1 on any failure.
var options = args.Select((arg, i) => (arg, i)).Where(a => a.arg.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(a => a.arg[2..], a => a.i + 1 < args.Length && !args[a.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[a.i + 1] : "true");
int Number(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
if (!options.TryGetValue("collector", out var serverDll) || !File.Exists(serverDll))
{
    Console.Error.WriteLine("chaos: --collector <path to Telemetry.Server.dll> is required (scripts/chaos.sh builds and passes it)");
    return 2;
}

await using var redis = await RedisServer.StartAsync();
var reports = Directory.CreateTempSubdirectory("telemetry-chaos-reports-").FullName;
var collector = new CollectorProcess(Path.GetFullPath(serverDll), redis.ConnectionString, reports);
await collector.StartAsync(CancellationToken.None);
var passed = 0;
var failed = 0;
try
{
    if (options.ContainsKey("soak"))
    {
        var soak = new SoakRun(collector, redis, TimeSpan.FromMinutes(Number("minutes", 60)), Number("rate", 500), TimeSpan.FromSeconds(Number("sample-seconds", 10)));
        (passed, failed) = await soak.RunAsync() ? (1, 0) : (0, 1);
    }
    else if (options.ContainsKey("fuzz"))
    {
        var ok = await new FuzzRun(collector, Number("inputs", 100_000), Number("seed", 19)).RunAsync();
        (passed, failed) = ok ? (1, 0) : (0, 1);
    }
    else
    {
        if (!options.TryGetValue("uploader", out var uploaderDll) || !File.Exists(uploaderDll))
        {
            Console.Error.WriteLine("chaos: --uploader <path to telemetry-uploader.dll> is required for the faults");
            return 2;
        }

        var loadTime = TimeSpan.FromSeconds(Number("load-seconds", 8));
        var run = new FaultRun(collector, new FileSinkReader(reports), Number("clients", 4), loadTime);
        var uploader = new UploaderProcess(Path.GetFullPath(uploaderDll), redis.ConnectionString, reports);
        (passed, failed) = await new FaultSuite(collector, uploader, redis, run, loadTime, options.ContainsKey("long"), options.GetValueOrDefault("only")).RunAsync();
    }
}
finally
{
    await collector.TerminateAsync(TimeSpan.FromSeconds(30));
    Directory.Delete(reports, recursive: true);
}

Console.WriteLine($"chaos: {passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
