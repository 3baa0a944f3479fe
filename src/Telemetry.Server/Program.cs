using Telemetry.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTelemetryServer();

var app = builder.Build();
app.MapTelemetryServer();
app.Run();

/// <summary>The collector's entry point; public so tests can host it.</summary>
public partial class Program;
