using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Telemetry.Insights.Internal;

/// <summary>
/// Rollups in the PostgreSQL sink's database, shared by every collector writing there. Merges take a table lock in
/// turn, so two collectors storing the same installation-day cannot interleave.
/// </summary>
internal sealed class PostgresDialect(string connectionString) : RollupDialect
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "postgres";

    public override IReadOnlyList<string> Schema { get; } =
    [
        "CREATE TABLE IF NOT EXISTS insight_days (product text NOT NULL, instance text NOT NULL, day date NOT NULL, report_ms bigint NOT NULL, report_id text NOT NULL, version text NOT NULL, PRIMARY KEY (product, day, instance))",
        "CREATE TABLE IF NOT EXISTS insight_values (product text NOT NULL, instance text NOT NULL, day date NOT NULL, field text NOT NULL, text text, number double precision, version text, PRIMARY KEY (product, field, day, instance))",
        .. BucketLatestSql.Schema("boolean"),
        "CREATE INDEX IF NOT EXISTS insight_days_instance ON insight_days (instance)",
        "CREATE INDEX IF NOT EXISTS insight_values_instance ON insight_values (instance)",
    ];

    public override string? WriterLock => "LOCK TABLE insight_days IN SHARE ROW EXCLUSIVE MODE";

    public override string InstanceKey(string column) => column;

    public override async Task<DbConnection> OpenAsync(RollupWork work, CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override ValueTask ReleaseAsync(DbConnection connection) => connection.DisposeAsync();

    public override async Task LoadStageAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<RollupRow> rows, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        // Temporary tables are private to the connection and emptied when the transaction commits.
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS insight_stage_days (LIKE insight_days) ON COMMIT DELETE ROWS;"
            + "CREATE TEMP TABLE IF NOT EXISTS insight_stage_values (LIKE insight_values) ON COMMIT DELETE ROWS",
            npgsql, (NpgsqlTransaction)transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var days = await npgsql.BeginBinaryImportAsync($"COPY insight_stage_days ({RollupSql.DayColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await days.StartRowAsync(cancellationToken);
                await days.WriteAsync(row.Product, NpgsqlDbType.Text, cancellationToken);
                await days.WriteAsync(row.Instance, NpgsqlDbType.Text, cancellationToken);
                await days.WriteAsync(row.Day, NpgsqlDbType.Date, cancellationToken);
                await days.WriteAsync(row.ReportTimeMs, NpgsqlDbType.Bigint, cancellationToken);
                await days.WriteAsync(row.ReportId, NpgsqlDbType.Text, cancellationToken);
                await days.WriteAsync(row.Version, NpgsqlDbType.Text, cancellationToken);
            }

            await days.CompleteAsync(cancellationToken);
        }

        await using var values = await npgsql.BeginBinaryImportAsync($"COPY insight_stage_values ({RollupSql.ValueColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            foreach (var value in row.Values)
            {
                await values.StartRowAsync(cancellationToken);
                await values.WriteAsync(row.Product, NpgsqlDbType.Text, cancellationToken);
                await values.WriteAsync(row.Instance, NpgsqlDbType.Text, cancellationToken);
                await values.WriteAsync(row.Day, NpgsqlDbType.Date, cancellationToken);
                await values.WriteAsync(value.Field, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(values, value.Text, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(values, value.Number, NpgsqlDbType.Double, cancellationToken);
                await values.WriteAsync(row.Version, NpgsqlDbType.Text, cancellationToken);
            }
        }

        await values.CompleteAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);
}
