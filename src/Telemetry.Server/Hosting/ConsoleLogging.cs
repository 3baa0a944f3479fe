namespace Telemetry.Server.Hosting;

/// <summary>
/// Console logs on one line each, starting with an ISO 8601 UTC timestamp, so the collector's lines can be matched
/// with the reports' arrival times (UTC) and with the logs of Redis and other hosts whatever the local time zone.
/// </summary>
internal static class ConsoleLogging
{
    /// <summary>ISO 8601 in UTC to the millisecond, and the space that separates it from the level.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    public static WebApplicationBuilder AddTelemetryConsoleLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(options =>
        {
            options.TimestampFormat = TimestampFormat;
            options.UseUtcTimestamp = true;
            options.SingleLine = true;
        });
        return builder;
    }
}
