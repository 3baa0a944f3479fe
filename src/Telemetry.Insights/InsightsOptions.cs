using System.ComponentModel.DataAnnotations;

namespace Telemetry.Insights;

/// <summary>Insights settings (<c>Insights</c>): the rollup store, privacy threshold, read token and caching.</summary>
public sealed class InsightsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Insights";

    /// <summary>
    /// Whether the uploader keeps rollups and the collector answers questions. Defaults to true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Rollup store: <c>duckdb</c> (an embedded file, the default with the file sink) or <c>postgres</c> (tables in
    /// the PostgreSQL sink's database, the default with that sink, so several collectors share them).
    /// </summary>
    public string? Store { get; set; }

    /// <summary>The embedded store's file. Defaults to <c>data/insights.duckdb</c>.</summary>
    [Required]
    public string DuckDbPath { get; set; } = "data/insights.duckdb";

    /// <summary>
    /// Memory the embedded store may use for its buffers, in MiB (DuckDB's <c>memory_limit</c>; its own default is 80%
    /// of the machine's memory, which it would fill with cached rollup pages). Defaults to 32: enough for every
    /// question over a million installation-days (filtered ones spill to disk); a question that needs more is
    /// answered RESOURCE_EXHAUSTED.
    /// </summary>
    [Range(16, 65536)]
    public int DuckDbMemoryLimitMiB { get; set; } = DefaultDuckDbMemoryLimitMiB;

    /// <summary>The default of <see cref="DuckDbMemoryLimitMiB"/>, also the embedded store's when it is opened alone.</summary>
    public const int DefaultDuckDbMemoryLimitMiB = 32;

    /// <summary>
    /// Smallest group shown on its own: a value held by fewer installations is folded into <c>other</c>, and a size
    /// distribution over fewer installations is withheld. Defaults to 5.
    /// </summary>
    [Range(1, 1000)]
    public int MinGroupSize { get; set; } = 5;

    /// <summary>An installation not seen for this long counts as lost. Defaults to 30 days.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan LostAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Bearer token that <c>telemetry.v1.InsightsService</c> (gRPC, its JSON routes, the CSV downloads) and the page
    /// require; distinct from the admin token. Unset: every call is refused with PERMISSION_DENIED (HTTP 403).
    /// </summary>
    public string? ReadToken { get; set; }

    /// <summary>How long an answer stays in the shared Redis cache. Defaults to 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Rebuild the rollups from the sink's stored reports at start (they are rebuilt anyway when empty). Defaults to
    /// false.
    /// </summary>
    public bool RebuildOnStart { get; set; }

    /// <summary>
    /// How long raw stored reports are kept (files: whole arrival days; PostgreSQL: rows by arrival time) before a
    /// periodic job deletes them; the rollups keep their aggregates. Unset (the default): raw reports are kept for
    /// ever.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan? RawReportRetention { get; set; }

    /// <summary>How often the retention job looks for raw reports to delete. Defaults to 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest time range one question may cover. Defaults to 400 days.</summary>
    [Range(1, 3650)]
    public int MaxRangeDays { get; set; } = 400;
}
