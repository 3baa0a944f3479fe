using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Telemetry.Insights;

/// <summary>
/// The insights API over HTTP: <c>GET /insights/api/{question}</c> with <c>Authorization: Bearer &lt;Insights:ReadToken&gt;</c>,
/// answering JSON, or CSV with <c>format=csv</c>. Parameters: <c>product</c>, <c>from</c> and <c>to</c>
/// (yyyy-MM-dd, UTC, inclusive; default the last 30 days), <c>bucket</c> (day, week, month), <c>field</c>, and any
/// number of <c>filter=field:value</c>. A bad parameter answers 400 naming it.
/// </summary>
public static class InsightsEndpoints
{
    /// <summary>Route prefix of the API.</summary>
    public const string ApiPath = "/insights/api";

    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<InsightsAnswers>() is null)
        {
            return endpoints;
        }

        endpoints.MapGet(ApiPath + "/{question}", AnswerAsync);
        endpoints.MapInsightsDashboard();
        return endpoints;
    }

    private static async Task<IResult> AnswerAsync(string question, HttpContext context, InsightsAnswers answers, IOptions<InsightsOptions> options)
    {
        if (Authorize(context.Request, options.Value) is { } denied)
        {
            return denied;
        }

        try
        {
            var query = Parse(context.Request.Query, question, options.Value);
            var format = context.Request.Query["format"].ToString() is { Length: > 0 } f ? f : "json";
            if (format is not ("json" or "csv"))
            {
                throw new InsightsQueryException("format", "format must be json or csv");
            }

            var body = await answers.AnswerAsync(question, query, format, context.RequestAborted);
            if (format == "csv")
            {
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"{query.Product}-{question}.csv\"";
                return Results.Text(body, "text/csv; charset=utf-8");
            }

            return Results.Text(body, "application/json; charset=utf-8");
        }
        catch (InsightsQueryException exception)
        {
            return Results.Json(new { error = exception.Message, parameter = exception.Parameter }, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static IResult? Authorize(HttpRequest request, InsightsOptions options)
    {
        if (string.IsNullOrEmpty(options.ReadToken))
        {
            return Results.Json(new { error = "the insights API is off: set Insights:ReadToken" }, statusCode: StatusCodes.Status403Forbidden);
        }

        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : string.Empty;
        // Constant-time comparison, so the answer time does not reveal how much of the token matched.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(options.ReadToken))
            ? null
            : Results.Json(new { error = "a valid read token is required (Authorization: Bearer <Insights:ReadToken>)" }, statusCode: StatusCodes.Status401Unauthorized);
    }

    private static InsightsQuery Parse(IQueryCollection query, string question, InsightsOptions options)
    {
        var product = query["product"].ToString();
        if (product.Length == 0 && question != "products")
        {
            throw new InsightsQueryException("product", "product is required");
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var to = Day(query, "to") ?? today;
        var from = Day(query, "from") ?? to.AddDays(-29);
        if (from > to)
        {
            throw new InsightsQueryException("from", "from is after to");
        }

        if (to.DayNumber - from.DayNumber + 1 > options.MaxRangeDays)
        {
            throw new InsightsQueryException("from", $"the range is longer than Insights:MaxRangeDays ({options.MaxRangeDays} days)");
        }

        var bucket = query["bucket"].ToString() switch
        {
            "" or "day" => InsightBucket.Day,
            "week" => InsightBucket.Week,
            "month" => InsightBucket.Month,
            _ => throw new InsightsQueryException("bucket", "bucket must be day, week or month"),
        };
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var filter in query["filter"])
        {
            var colon = filter?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (colon <= 0 || InsightFields.Describe(filter![..colon]) is not { Kind: InsightFieldKind.Categorical })
            {
                throw new InsightsQueryException("filter", $"\"{filter}\" is not categorical-field:value");
            }

            filters[filter[..colon]] = filter[(colon + 1)..];
        }

        var field = query["field"].ToString();
        return new InsightsQuery(product, from, to, bucket, field.Length == 0 ? null : field, filters);
    }

    private static DateOnly? Day(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InsightsQueryException(name, $"{name} must be a date, yyyy-MM-dd");
    }
}
