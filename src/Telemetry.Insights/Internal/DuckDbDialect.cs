using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace Telemetry.Insights.Internal;

/// <summary>
/// The embedded store: one DuckDB file, one connection, used by one operation at a time (DuckDB allows one writing
/// process per file, and the collector is that process). No unique indexes: DuckDB checks them eagerly, so the
/// delete-then-insert of a merge would fail; the merge keeps rows unique by itself.
/// </summary>
/// <remarks>
/// Writes run on one DuckDB thread and questions on DuckDB's default, one per core. A merge is small statements over a
/// few days, which a second thread barely speeds up while each thread keeps working memory of its own: replaying
/// 400 batches of the insights benchmark's population into a store took 16.5 s and peaked at 159 MB of RSS on one
/// thread, against 20.8 s and 197 MB on two. A question aggregates up to a million rows and takes about 1.6 times as
/// long on one thread.
/// <para>
/// Every call into DuckDB is made from one thread of the store's own, not from whichever thread-pool thread runs the
/// merge or the question. DuckDB's calls block, and no longer hold thread-pool threads; and in paired runs of the
/// insights benchmark the collector peaked at 268 against 297 MiB of RSS, the difference being native memory outside
/// the GC heap and glibc's arenas.
/// </para>
/// </remarks>
internal sealed class DuckDbDialect(string path, int memoryLimitMiB) : RollupDialect
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DedicatedThreadScheduler _calls = new("duckdb");
    private DuckDBConnection? _connection;
    private long _readThreads;
    private long _threads;

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

    public override Task<T> InvokeAsync<T>(Func<Task<T>> operation) => _calls.RunAsync(operation);

    public override Task InvokeAsync(Func<Task> operation) => _calls.RunAsync(operation);

    public override async Task<DbConnection> OpenAsync(RollupWork work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection ?? await ConnectAsync(cancellationToken);
            var threads = work == RollupWork.Write ? 1 : _readThreads;
            if (_threads != threads)
            {
                await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"), cancellationToken);
                _threads = threads;
            }

            return connection;
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>Opens the store's connection, with its memory limit, and notes DuckDB's default thread count.</summary>
    private async Task<DuckDBConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        NativeAllocator.ReturnLargeBlocks();
        var connection = new DuckDBConnection($"Data Source={path}");
        await connection.OpenAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"SET memory_limit = '{memoryLimitMiB}MiB'"), cancellationToken);
            await using var threads = connection.CreateCommand();
            threads.CommandText = "SELECT current_setting('threads')";
            _readThreads = Convert.ToInt64(await threads.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _threads = _readThreads;
        _connection = connection;
        return connection;
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
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

        _calls.Dispose();
        _gate.Dispose();
    }
}
