using Telemetry.Server.Hosting;
using Telemetry.Upload.Diagnostics;

// The content root is the application's folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddTelemetryConsoleLogging();
builder.AddTelemetryServer();

var app = builder.Build();
app.MapTelemetryServer();
app.Run();

/// <summary>The collector's entry point; public so tests can host it.</summary>
public partial class Program;
