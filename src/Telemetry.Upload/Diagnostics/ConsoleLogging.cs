using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Telemetry.Upload.Diagnostics;

/// <summary>
/// Console logs of the collector and of <c>telemetry-uploader</c>, on one line each, starting with an ISO 8601 UTC
/// timestamp, so their lines can be matched with the reports' arrival times (UTC) and with the logs of Redis and
/// other hosts whatever the local time zone. With <c>Logging:Console:FormatterName</c> set to <c>json</c>, each entry
/// is one JSON object instead (with the same timestamp, the event id and name, the message, its template's values and
/// the scopes), for log collectors.
/// </summary>
public static class ConsoleLogging
{
    /// <summary>ISO 8601 in UTC to the millisecond, and the space that separates it from the level.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    /// <summary>The formatter name that selects JSON lines.</summary>
    public const string JsonFormatter = "json";

    public static TBuilder AddTelemetryConsoleLogging<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        if (string.Equals(builder.Configuration["Logging:Console:FormatterName"], JsonFormatter, StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.TimestampFormat = TimestampFormat.TrimEnd();
                options.UseUtcTimestamp = true;
                options.IncludeScopes = true;
            });
            return builder;
        }

        builder.Logging.AddSimpleConsole(options =>
        {
            options.TimestampFormat = TimestampFormat;
            options.UseUtcTimestamp = true;
            options.SingleLine = true;
        });
        return builder;
    }
}
