using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telemetry.Insights.Internal;

namespace Telemetry.Insights;

/// <summary>
/// Maps insights: <see cref="InsightsGrpcService"/> (gRPC, and JSON over HTTP through its <c>google.api.http</c>
/// routes under <c>/insights/v1/</c>), the CSV downloads and the dashboard. A CSV download is its JSON route with
/// <c>.csv</c> appended, such as <c>GET /insights/v1/products/qdrant/active.csv?start_date=2026-11-01</c>, with the same
/// query parameters (<c>start_date</c>, <c>end_date</c>, <c>bucket</c>, <c>field</c>, <c>filter</c>,
/// <c>min_version</c>, <c>max_version</c>) and the same read
/// token; a bad parameter answers 400 naming it, as the gRPC status names the field.
/// </summary>
public static class InsightsEndpoints
{
    /// <summary>Route prefix of the JSON API and the CSV downloads.</summary>
    public const string ApiPath = "/insights/v1";

    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<InsightsAnswers>() is null)
        {
            return endpoints;
        }

        endpoints.MapGrpcService<InsightsGrpcService>();
        endpoints.MapGet(ApiPath + "/products/{product}/{question}.csv", CsvAsync);
        endpoints.MapInsightsDashboard();
        return endpoints;
    }

    private static async Task<IResult> CsvAsync(string product, string question, HttpContext context, InsightsAnswers answers, IOptions<InsightsOptions> options)
    {
        // The same check as every gRPC call, so the download needs the same token.
        if (ReadTokenInterceptor.Refuse(context.Request.Headers.Authorization.ToString(), options.Value) is { } refused)
        {
            return Results.Json(new { code = (int)refused.StatusCode, message = refused.Detail },
                statusCode: refused.StatusCode == StatusCode.PermissionDenied ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized);
        }

        var parameters = context.Request.Query;
        try
        {
            var query = InsightsRequests.Query(product, parameters["start_date"].ToString(), parameters["end_date"].ToString(),
                InsightsRequests.Bucket(parameters["bucket"].ToString()), parameters["filter"].Select(f => f ?? string.Empty),
                parameters["field"].ToString(), options.Value,
                parameters["min_version"].ToString(), parameters["max_version"].ToString());
            var csv = await answers.CsvAsync(question, query, context.RequestAborted);
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{query.Product}-{question}.csv\"";
            return Results.Text(csv, "text/csv; charset=utf-8");
        }
        catch (InsightsQueryException exception)
        {
            return Results.Json(new { code = (int)StatusCode.InvalidArgument, message = $"{exception.Parameter}: {exception.Message}" },
                statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InsightsMemoryException exception)
        {
            return Results.Json(new { code = (int)StatusCode.ResourceExhausted, message = exception.Message },
                statusCode: StatusCodes.Status429TooManyRequests);
        }
    }
}
