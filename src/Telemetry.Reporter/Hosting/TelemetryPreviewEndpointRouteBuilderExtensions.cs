using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Telemetry.Reporter.Hosting;

/// <summary>Maps an endpoint that shows the usage report the process would send next.</summary>
public static class TelemetryPreviewEndpointRouteBuilderExtensions
{
    /// <summary>The response header that says a previewed report is not sent, and why.</summary>
    public const string NotSentHeader = "Telemetry-Not-Sent";

    /// <summary>The query parameter that asks for one of Qdrant's detail levels, named as Qdrant names it.</summary>
    public const string DetailsLevelParameter = "details_level";

    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c> to the JSON of <see cref="TelemetryReporter.PreviewAsync(CancellationToken)"/>:
    /// exactly the anonymized report the next send would carry, with the contract's field names. When reporting is
    /// disabled or a dry run, it still answers with the report, as Qdrant's <c>/telemetry</c> does, and the
    /// <see cref="NotSentHeader"/> header gives the reason it is not sent (such as <c>environment: DO_NOT_TRACK</c>).
    /// For Qdrant reports, <c>?details_level=N</c> shows one of Qdrant's detail levels
    /// (<see cref="TelemetryReporter.PreviewAsync(int, CancellationToken)"/>); an invalid level, or a level for another
    /// product, is answered with 400 and the reason.
    /// </summary>
    /// <param name="endpoints">The application's routes; <see cref="TelemetryReporter"/> must be registered.</param>
    /// <param name="pattern">The route. Defaults to <c>/telemetry/preview</c>.</param>
    /// <returns>The endpoint's builder, to add authorization or other conventions.</returns>
    /// <remarks>Previewing never resets a counter, so the endpoint may be called any number of times.</remarks>
    public static IEndpointConventionBuilder MapTelemetryPreview(
        this IEndpointRouteBuilder endpoints, string pattern = "/telemetry/preview")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, (RequestDelegate)(async context =>
        {
            var reporter = context.RequestServices.GetRequiredService<TelemetryReporter>();
            ReportPreview preview;
            if (context.Request.Query.TryGetValue(DetailsLevelParameter, out var values))
            {
                if (!int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var level))
                {
                    await BadRequestAsync(context, $"{DetailsLevelParameter} must be a whole number from 0, not \"{values}\".").ConfigureAwait(false);
                    return;
                }

                try
                {
                    preview = await reporter.PreviewAsync(level, context.RequestAborted).ConfigureAwait(false);
                }
                catch (ArgumentException exception)
                {
                    await BadRequestAsync(context, $"{DetailsLevelParameter}: {exception.Message}").ConfigureAwait(false);
                    return;
                }
            }
            else
            {
                preview = await reporter.PreviewAsync(context.RequestAborted).ConfigureAwait(false);
            }

            if (preview.NotSentReason is { } reason)
            {
                context.Response.Headers[NotSentHeader] = reason;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(preview.Json, context.RequestAborted).ConfigureAwait(false);
        }));
    }

    private static Task BadRequestAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}
