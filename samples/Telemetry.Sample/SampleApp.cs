using Telemetry.Reporter.Hosting;
using Telemetry.Reporter.Metrics;

namespace Telemetry.Sample;

/// <summary>The sample service: a few Prometheus-style query endpoints, counted and reported as a Mimir querier.</summary>
public static class SampleApp
{
    /// <summary>Builds the application from command-line arguments and configuration.</summary>
    /// <param name="args">Command-line arguments, such as <c>--urls</c> or <c>--TelemetryReporter:Endpoint=...</c>.</param>
    /// <param name="configure">Changes the builder before the application is built, such as its logging; optional.</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddTelemetryReporter(options =>
        {
            options.Product = "mimir";
            options.BuildAssembly = typeof(SampleApp).Assembly;
        });
        builder.Services.AddSingleton<QuerierRequestCounters>();
        configure?.Invoke(builder);

        var app = builder.Build();
        var counters = app.Services.GetRequiredService<QuerierRequestCounters>();
        app.Use(counters.Middleware);

        // Report the deployment's shape once; the request counters are incremented by the middleware.
        var metrics = app.Services.GetRequiredService<MetricRegistry>();
        metrics.StringValue("blocks_storage_backend").Set("filesystem");
        metrics.StringValue("installation_mode").Set("custom");

        foreach (var (path, _) in QuerierRequestCounters.Routes)
        {
            app.MapMethods(path, ["GET", "POST"], () => Results.Json(new { status = "success", data = Array.Empty<object>() }));
        }

        app.MapTelemetryPreview("/telemetry/preview");
        return app;
    }
}
