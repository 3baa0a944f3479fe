namespace Telemetry.Upload;

/// <summary>The PostgreSQL sink (<c>Upload:Postgres</c>).</summary>
public sealed class PostgresSinkOptions
{
    /// <summary>An Npgsql connection string; required when <c>Upload:Sink</c> is <c>postgres</c>. No default.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long one batch's COPY and INSERT may take. Defaults to 30 seconds.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
