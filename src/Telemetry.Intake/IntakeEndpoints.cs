using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Telemetry.Contracts;
using Telemetry.Intake.Conversion;
using Telemetry.Intake.Internal;
using Telemetry.V1;

namespace Telemetry.Intake;

/// <summary>
/// The intake's routes, at exactly the paths the vendors' reporters post to, so that pointing a reporter's host
/// (or Loki's <c>usage_stats_url</c>) at the collector is all it takes; and <c>POST /v1/reports</c> for a
/// <c>UsageReport</c> in protobuf JSON. A <c>GET</c> on a vendor path answers with a page about this collector.
/// </summary>
public static class IntakeEndpoints
{
    /// <summary>The route of <c>UsageReport</c>s in protobuf JSON.</summary>
    public const string JsonReportsPath = "/v1/reports";

    private static readonly JsonParser ReportParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>Maps every intake route into a group, which the host can restrict to the intake's own endpoint.</summary>
    public static RouteGroupBuilder MapIntakeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty);
        MapNative(group, "/mimir-usage-report", IntakeProducts.Mimir, StatusCodes.Status200OK,
            (body, _, at) => GrafanaConverter.Mimir(body, at));
        MapNative(group, "/tempo-usage-report", IntakeProducts.Tempo, StatusCodes.Status200OK,
            (body, _, at) => GrafanaConverter.Tempo(body, at));
        MapNative(group, "/loki-usage-report", IntakeProducts.Loki, StatusCodes.Status200OK,
            (body, _, at) => LokiConverter.Convert(body, at));
        // InfluxDB's pusher counts only 202 Accepted as delivered.
        MapNative(group, "/metrics/job/influxdb", IntakeProducts.InfluxDb, StatusCodes.Status202Accepted, InfluxDbConverter.Convert);
        MapNative(group, "/ce/usage-statistics", IntakeProducts.Coroot, StatusCodes.Status200OK,
            (body, _, at) => CorootConverter.Convert(body, at));
        // Qdrant posts both its telemetry and its panic reports to the root of telemetry.qdrant.io.
        MapNative(group, "/", IntakeProducts.Qdrant, StatusCodes.Status200OK,
            (body, _, at) => QdrantConverter.Convert(body, at));
        group.MapGet("/fields", () => Results.Text(FieldCatalog.Render(), "text/markdown; charset=utf-8"));
        group.MapPost(JsonReportsPath, PostReportAsync);
        return group;
    }

    private static void MapNative(RouteGroupBuilder group, string path, string product, int success, IntakeHandler.Converter convert)
    {
        group.MapPost(path, (HttpContext http, IntakeHandler handler) => handler.HandleAsync(http, product, success, convert));
        group.MapGet(path, () => Results.Content(AboutPage.Render(product), "text/html; charset=utf-8"));
    }

    private static async Task<IResult> PostReportAsync(HttpContext http, IntakeHandler handler, IOptions<IntakeOptions> options)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        var body = await IntakeHandler.ReadBodyAsync(http.Request, limit, http.RequestAborted);
        if (body is null)
        {
            return Results.Text($"body: the request body exceeds the limit of {limit} bytes (Intake:MaxRequestBodyBytes).",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        UsageReport report;
        try
        {
            // Unknown fields are dropped, as the gRPC endpoint drops them, so that newer senders keep working.
            report = ReportParser.Parse<UsageReport>(System.Text.Encoding.UTF8.GetString(body));
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidJsonException)
        {
            return Results.Text($"body: not a telemetry.v1.UsageReport in protobuf JSON ({exception.Message})", statusCode: StatusCodes.Status400BadRequest);
        }

        var (_, result) = await handler.IngestAsync(http, report, StatusCodes.Status200OK);
        return result;
    }
}
