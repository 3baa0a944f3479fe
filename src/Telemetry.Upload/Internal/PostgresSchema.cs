namespace Telemetry.Upload.Internal;

/// <summary>
/// The PostgreSQL sink's schema as versioned DDL. Applied in order at start, each version once, recorded in
/// <c>schema_migrations</c>; never edit an applied version, add a new one.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>An arbitrary constant: the advisory lock that keeps two replicas from migrating at once.</summary>
    public const long MigrationLock = 0x7465_6c65_6d65_7472;

    public static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "reports keyed by report_id", """
            CREATE TABLE reports (
                report_id uuid PRIMARY KEY,
                product text NOT NULL,
                instance_key text NOT NULL,
                cluster_id text NOT NULL,
                instance_id text NOT NULL,
                schema_version integer NOT NULL,
                report_time timestamptz,
                arrival_time timestamptz NOT NULL,
                version text NOT NULL,
                os text NOT NULL,
                arch text NOT NULL,
                target text NOT NULL,
                edition text NOT NULL,
                payload jsonb NOT NULL
            );
            CREATE INDEX reports_instance_key ON reports (instance_key);
            """),
        (2, "index by arrival time, for retention", """
            CREATE INDEX reports_arrival_time ON reports (arrival_time);
            """),
    ];

    public const string CreateMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            description text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    // ON COMMIT DELETE ROWS empties the staging table at every commit; the connection keeps it (no reset on close).
    public const string CreateStaging = """
        CREATE TEMP TABLE IF NOT EXISTS reports_staging (LIKE reports INCLUDING DEFAULTS) ON COMMIT DELETE ROWS
        """;

    public const string Copy = """
        COPY reports_staging (report_id, product, instance_key, cluster_id, instance_id, schema_version, report_time,
            arrival_time, version, os, arch, target, edition, payload) FROM STDIN (FORMAT BINARY)
        """;

    public const string Merge = """
        INSERT INTO reports SELECT * FROM reports_staging ON CONFLICT (report_id) DO NOTHING
        """;

    /// <summary>Deletes one batch (<c>@batch</c> rows at most) of the reports that arrived before <c>@cutoff</c>.</summary>
    public const string DeleteArrivedBefore = """
        DELETE FROM reports WHERE report_id IN (
            SELECT report_id FROM reports WHERE arrival_time < @cutoff LIMIT @batch)
        """;

    public const string Columns = """
        report_id, product, cluster_id, instance_id, schema_version, report_time, arrival_time, version, os, arch,
        target, edition, payload::text
        """;
}
