using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Telemetry.Insights.Internal;

/// <summary>
/// The embedded store: one DuckDB file, one connection, used by one operation at a time (DuckDB allows one writing
/// process per file, and the collector is that process). No unique indexes: DuckDB checks them eagerly, so the
/// delete-then-insert of a merge would fail; the merge keeps rows unique by itself.
/// </summary>
internal sealed class DuckDbDialect(string path, int memoryLimitMiB) : RollupDialect
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DuckDBConnection? _connection;

    public override string Name => "duckdb";

    public override IReadOnlyList<string> Schema { get; } =
    [
        "CREATE TABLE IF NOT EXISTS insight_days (product VARCHAR NOT NULL, instance VARCHAR NOT NULL, day DATE NOT NULL, report_ms BIGINT NOT NULL, report_id VARCHAR NOT NULL, version VARCHAR NOT NULL)",
        "CREATE TABLE IF NOT EXISTS insight_values (product VARCHAR NOT NULL, instance VARCHAR NOT NULL, day DATE NOT NULL, field VARCHAR NOT NULL, text VARCHAR, number DOUBLE, version VARCHAR)",
        "CREATE TABLE IF NOT EXISTS insight_stage_days (product VARCHAR NOT NULL, instance VARCHAR NOT NULL, day DATE NOT NULL, report_ms BIGINT NOT NULL, report_id VARCHAR NOT NULL, version VARCHAR NOT NULL)",
        "CREATE TABLE IF NOT EXISTS insight_stage_values (product VARCHAR NOT NULL, instance VARCHAR NOT NULL, day DATE NOT NULL, field VARCHAR NOT NULL, text VARCHAR, number DOUBLE, version VARCHAR)",
        "ALTER TABLE insight_stage_values ADD COLUMN IF NOT EXISTS version VARCHAR",
        .. BucketLatestSql.Schema("BOOLEAN"),
        // A merge interrupted by a crash leaves its stage behind; it is rolled back with its transaction anyway.
        "DELETE FROM insight_stage_days",
        "DELETE FROM insight_stage_values",
    ];

    public override string? WriterLock => null;

    public override string InstanceKey(string column) => $"hash({column})";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is not null)
                {
                    Directory.CreateDirectory(directory);
                }

                NativeAllocator.ReturnLargeBlocks();
                var connection = new DuckDBConnection($"Data Source={path}");
                await connection.OpenAsync(cancellationToken);
                await using (var limit = connection.CreateCommand())
                {
                    limit.CommandText = string.Create(CultureInfo.InvariantCulture, $"SET memory_limit = '{memoryLimitMiB}MiB'");
                    await limit.ExecuteNonQueryAsync(cancellationToken);
                }

                _connection = connection;
            }

            return _connection;
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public override ValueTask ReleaseAsync(DbConnection connection)
    {
        _gate.Release();
        return ValueTask.CompletedTask;
    }

    public override Task LoadStageAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<RollupRow> rows, CancellationToken cancellationToken)
    {
        var duck = (DuckDBConnection)connection;
        using (var days = duck.CreateAppender("insight_stage_days"))
        {
            foreach (var row in rows)
            {
                days.CreateRow()
                    .AppendValue(row.Product).AppendValue(row.Instance).AppendValue(row.Day)
                    .AppendValue(row.ReportTimeMs).AppendValue(row.ReportId).AppendValue(row.Version)
                    .EndRow();
            }
        }

        using (var values = duck.CreateAppender("insight_stage_values"))
        {
            foreach (var row in rows)
            {
                foreach (var value in row.Values)
                {
                    values.CreateRow()
                        .AppendValue(row.Product).AppendValue(row.Instance).AppendValue(row.Day)
                        .AppendValue(value.Field).AppendValue(value.Text).AppendValue(value.Number).AppendValue(row.Version)
                        .EndRow();
                }
            }
        }

        return Task.CompletedTask;
    }

    public override InsightsMemoryException? OutOfMemory(DbException exception) =>
        exception is DuckDBException && exception.Message.StartsWith("Out of Memory Error", StringComparison.Ordinal)
            ? new InsightsMemoryException(
                string.Create(CultureInfo.InvariantCulture, $"the embedded store needs more than its {memoryLimitMiB} MiB for this question: raise Insights:DuckDbMemoryLimitMiB, or ask about fewer days"),
                exception)
            : null;

    public override async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }

        _gate.Dispose();
    }
}
