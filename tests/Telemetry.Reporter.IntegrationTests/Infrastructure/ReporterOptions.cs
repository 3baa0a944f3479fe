using System.Reflection;

namespace Telemetry.Reporter.IntegrationTests.Infrastructure;

/// <summary>Reporter options for tests against a collector: one report at start, fast retries, no jitter.</summary>
internal static class ReporterOptions
{
    public static TelemetryReporterOptions ForCollector(Uri endpoint, string product, string dataDirectory) => new()
    {
        Product = product,
        Endpoint = endpoint,
        DataDirectory = dataDirectory,
        Schedule = ReportScheduleMode.AtStartup,
        Interval = TimeSpan.FromHours(1),
        Jitter = TimeSpan.Zero,
        RetryMinBackoff = TimeSpan.FromMilliseconds(100),
        RetryMaxBackoff = TimeSpan.FromMilliseconds(500),
        SendTimeout = TimeSpan.FromSeconds(5),
        BuildAssembly = Assembly.GetExecutingAssembly(),
        CommandLineArguments = [],
    };
}
