using Telemetry.CrashSample;
using Telemetry.Reporter;

// Usage: Telemetry.CrashSample <collector endpoint> <data directory> [product]
// Starts a reporter with ReportCrashes on, then fails with an exception whose message quotes user data.
if (args.Length is < 2 or > 3)
{
    await Console.Error.WriteLineAsync("usage: Telemetry.CrashSample <collector endpoint> <data directory> [product]");
    return 2;
}

var reporter = TelemetryReporter.Create(new TelemetryReporterOptions
{
    Product = args.Length == 3 ? args[2] : "mimir",
    Endpoint = new Uri(args[0]),
    DataDirectory = args[1],
    ReportCrashes = true,
    BuildAssembly = typeof(OrderProcessor).Assembly,
    CommandLineArguments = [],
});
await reporter.StartAsync();

// A crash report goes out only once the installation's identity is known; building a preview resolves it.
await reporter.PreviewAsync();
OrderProcessor.Charge("alice@example.com");
return 0;
