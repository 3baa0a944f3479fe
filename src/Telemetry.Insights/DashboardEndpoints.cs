using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Telemetry.Insights;

/// <summary>
/// The dashboard at <c>/insights/</c>: one page, its script (uPlot bundled in at build time) and stylesheet, all
/// embedded in the assembly, so nothing is loaded from elsewhere. The page asks for the read token and sends it with
/// every API call; the files themselves hold no data.
/// </summary>
public static class DashboardEndpoints
{
    private static readonly (string Name, string ContentType)[] Files =
    [
        ("index.html", "text/html; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("app.css", "text/css; charset=utf-8"),
    ];

    public static IEndpointRouteBuilder MapInsightsDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var (name, contentType) in Files)
        {
            var content = Read(name);
            endpoints.MapGet(name == "index.html" ? "/insights/" : "/insights/" + name, (HttpContext context) =>
            {
                // No framing by other sites, and scripts only from the collector itself.
                context.Response.Headers.XFrameOptions = "DENY";
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'";
                return Results.Bytes(content, contentType);
            });
        }

        return endpoints;
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"The dashboard file {name} is not embedded; the build bundles it.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
