using System.Data.Common;
using Telemetry.Insights.Internal;
using Telemetry.Upload;

namespace Telemetry.Insights;

/// <summary>
/// The rollup tables: one row per product × installation × UTC day with that day's latest report's version
/// (<c>insight_days</c>) and its catalogue field values (<c>insight_values</c>). Questions cost the
/// installation-days they cover, not the reports stored.
/// </summary>
public sealed class RollupStore : IAsyncDisposable
{
    private readonly RollupDialect _dialect;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    private RollupStore(RollupDialect dialect) => _dialect = dialect;

    /// <summary>The store's name: <c>duckdb</c> or <c>postgres</c>.</summary>
    public string Name => _dialect.Name;

    /// <summary>What the store's SQL differs in.</summary>
    internal RollupDialect Dialect => _dialect;

    /// <summary>An embedded store in a DuckDB file (created with its directory when missing).</summary>
    public static RollupStore DuckDb(string path, int memoryLimitMiB = InsightsOptions.DefaultDuckDbMemoryLimitMiB) => new(new DuckDbDialect(path, memoryLimitMiB));

    /// <summary>A store in a PostgreSQL database, shared by every collector that uses it.</summary>
    public static RollupStore Postgres(string connectionString) => new(new PostgresDialect(connectionString));

    /// <summary>The rows a batch of stored reports contributes: the latest report per installation and day.</summary>
    public static IReadOnlyCollection<RollupRow> RowsOf(IEnumerable<BufferedReport> reports)
    {
        var rows = new Dictionary<(string, string, DateOnly), RollupRow>();
        foreach (var report in reports)
        {
            var row = RowOf(report);
            if (row is null)
            {
                continue;
            }

            var key = (row.Product, row.Instance, row.Day);
            if (!rows.TryGetValue(key, out var held) || row.Supersedes(held))
            {
                rows[key] = row;
            }
        }

        return rows.Values;
    }

    /// <summary>Merges reports into the rollups: each installation-day keeps its latest report, whatever the order.</summary>
    public async Task UpsertAsync(IEnumerable<BufferedReport> reports, CancellationToken cancellationToken = default)
    {
        var rows = RowsOf(reports);
        if (rows.Count > 0)
        {
            await _dialect.InvokeAsync(() => MergeAsync(rows, cancellationToken));
        }
    }

    /// <summary>Removes an installation from the rollups; returns the installation-days removed.</summary>
    public Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default) =>
        RunAsync(RollupSql.DeleteInstance, [instanceKey], cancellationToken);

    /// <summary>Empties the rollups (before a rebuild from stored reports).</summary>
    public Task<long> TruncateAsync(CancellationToken cancellationToken = default) =>
        RunAsync(RollupSql.Truncate, [], cancellationToken);

    /// <summary>
    /// Empties the rollups from <paramref name="day"/> on; earlier days are kept, and flags of weeks and months from
    /// the one <paramref name="day"/> falls in are no longer read.
    /// </summary>
    public Task<long> DeleteFromDayAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        RunAsync(RollupSql.DeleteFromDay, [day], cancellationToken);

    /// <summary>The days the bucket-latest flags hold up to, per unit of <see cref="BucketLatestSql.Units"/> (null: none).</summary>
    internal async Task<DateOnly?[]> FlaggedThroughAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync(BucketLatestSql.FlaggedThrough, [], ReadFlaggedThrough, cancellationToken))[0];

    /// <summary>A day read from either store (DuckDB gives <see cref="DateOnly"/> or <see cref="DateTime"/>, PostgreSQL <see cref="DateTime"/>).</summary>
    internal static DateOnly ReadDay(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateOnly day => day,
        DateTime time => DateOnly.FromDateTime(time),
        var other => DateOnly.Parse(other.ToString()!, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A day that may be NULL, read as <see cref="ReadDay"/> reads one.</summary>
    internal static DateOnly? ReadOptionalDay(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadDay(reader, ordinal);

    /// <summary>Whether the rollups hold nothing.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync("SELECT count(*) FROM (SELECT 1 FROM insight_days LIMIT 1) s", [], r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), cancellationToken))[0] == 0;

    /// <summary>Runs a query (positional parameters <c>$1</c>, <c>$2</c> …) and maps every row.</summary>
    public Task<List<T>> QueryAsync<T>(string sql, IReadOnlyList<object> parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        return _dialect.InvokeAsync(() => ReadAsync(sql, parameters, map, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _dialect.DisposeAsync();
        _migration.Dispose();
    }

    private async Task MergeAsync(IReadOnlyCollection<RollupRow> rows, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        var connection = await _dialect.OpenAsync(RollupWork.Write, cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (_dialect.WriterLock is { } writerLock)
            {
                await ExecuteAsync(connection, transaction, writerLock, [], cancellationToken);
            }

            var flaggedThrough = await FlaggedThroughAsync(connection, transaction, cancellationToken);
            var flaggedBefore = flaggedThrough.ToArray();
            foreach (var run in RollupSql.Runs(rows))
            {
                await _dialect.LoadStageAsync(connection, transaction, run, cancellationToken);
                object[] days = [run[0].Day, run[^1].Day];
                var stored = await ScalarAsync(connection, transaction, RollupSql.StoredDays, days, cancellationToken);
                foreach (var statement in stored == 0 ? RollupSql.Insert : RollupSql.Merge)
                {
                    // PostgreSQL refuses parameters a statement does not use; only the reads of the tables take the days.
                    await ExecuteAsync(connection, transaction, statement, statement.Contains("$1", StringComparison.Ordinal) ? days : [], cancellationToken);
                }

                await FlagAsync(connection, transaction, flaggedThrough, run[0].Day, run[^1].Day, cancellationToken);
            }

            for (var unit = 0; unit < flaggedThrough.Length; unit++)
            {
                if (flaggedThrough[unit] != flaggedBefore[unit])
                {
                    await ExecuteAsync(connection, transaction, BucketLatestSql.SetFlaggedThrough(BucketLatestSql.Units[unit]), [flaggedThrough[unit]!], cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await _dialect.ReleaseAsync(connection);
        }
    }

    private async Task<List<T>> ReadAsync<T>(string sql, IReadOnlyList<object> parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        var connection = await _dialect.OpenAsync(RollupWork.Read, cancellationToken);
        try
        {
            await using var command = Command(connection, null, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        catch (DbException exception) when (_dialect.OutOfMemory(exception) is { } outOfMemory)
        {
            throw outOfMemory;
        }
        finally
        {
            await _dialect.ReleaseAsync(connection);
        }
    }

    private static RollupRow? RowOf(BufferedReport report)
    {
        var instance = report.InstanceKey;
        if (instance.Length == 0 || report.Report.ReportTime is null)
        {
            return null;
        }

        var time = report.Report.ReportTime.ToDateTimeOffset();
        return new RollupRow(
            report.Product,
            instance,
            DateOnly.FromDateTime(time.UtcDateTime),
            time.ToUnixTimeMilliseconds(),
            report.ReportId,
            report.Report.Build?.Version ?? string.Empty,
            InsightFields.Extract(report.Report));
    }

    private static DateOnly?[] ReadFlaggedThrough(DbDataReader reader) =>
        [.. Enumerable.Range(0, BucketLatestSql.Units.Length).Select(i => ReadOptionalDay(reader, i))];

    private static async Task<DateOnly?[]> FlaggedThroughAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, BucketLatestSql.FlaggedThrough, []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadFlaggedThrough(reader);
    }

    /// <summary>Keeps the bucket-latest flags right after a merge of the days <paramref name="first"/> to <paramref name="last"/>.</summary>
    private static async Task FlagAsync(DbConnection connection, DbTransaction transaction, DateOnly?[] flaggedThrough, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        for (var i = 0; i < flaggedThrough.Length; i++)
        {
            var unit = BucketLatestSql.Units[i];
            var (through, reflagAfter) = BucketDays.AfterMerge(unit, flaggedThrough[i], first, last);
            if (reflagAfter is { } after)
            {
                foreach (var statement in BucketLatestSql.Reflag(unit))
                {
                    await ExecuteAsync(connection, transaction, statement, [after, through!.Value], cancellationToken);
                }
            }

            flaggedThrough[i] = through;
        }
    }

    private Task<long> RunAsync(IReadOnlyList<string> statements, IReadOnlyList<object> parameters, CancellationToken cancellationToken) =>
        _dialect.InvokeAsync(() => ExecuteAllAsync(statements, parameters, cancellationToken));

    private async Task<long> ExecuteAllAsync(IReadOnlyList<string> statements, IReadOnlyList<object> parameters, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        var connection = await _dialect.OpenAsync(RollupWork.Write, cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            long first = -1;
            foreach (var statement in statements)
            {
                var count = await ExecuteAsync(connection, transaction, statement, parameters, cancellationToken);
                first = first < 0 ? count : first;
            }

            await transaction.CommitAsync(cancellationToken);
            return first;
        }
        finally
        {
            await _dialect.ReleaseAsync(connection);
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migration.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            var connection = await _dialect.OpenAsync(RollupWork.Write, cancellationToken);
            try
            {
                var hadVersion = await ScalarAsync(connection, null, RollupSql.HasValueVersion, [], cancellationToken) > 0;
                foreach (var statement in hadVersion ? _dialect.Schema : [.. _dialect.Schema, .. RollupSql.AddValueVersion])
                {
                    await ExecuteAsync(connection, null, statement, [], cancellationToken);
                }
            }
            finally
            {
                await _dialect.ReleaseAsync(connection);
            }

            _migrated = true;
        }
        finally
        {
            _migration.Release();
        }
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<object> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<object> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<object> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var value in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
