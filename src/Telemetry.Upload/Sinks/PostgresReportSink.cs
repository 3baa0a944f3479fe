using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Telemetry.Upload.Internal;
using Telemetry.V1;

namespace Telemetry.Upload.Sinks;

/// <summary>
/// Stores reports in PostgreSQL table <c>reports</c>, keyed by report_id: typed envelope columns and the product
/// payload as protobuf JSON (<c>jsonb</c>). A batch is a binary COPY into a session-temporary staging table and one
/// <c>INSERT … SELECT … ON CONFLICT (report_id) DO NOTHING</c>, in one transaction, so a batch written twice is
/// stored once. The schema is created or migrated before first use (versioned DDL in <c>schema_migrations</c>,
/// under an advisory lock so replicas do not race).
/// </summary>
/// <remarks>
/// A server that cannot be reached, or is shutting down, surfaces as <see cref="SinkUnavailableException"/>; a
/// report_id that is not a UUID is rejected permanently (it could never be stored).
/// </remarks>
public sealed class PostgresReportSink : IReportSink, IStoredReportSource, IAsyncDisposable
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly OneofDescriptor PayloadOneof = UsageReport.Descriptor.Oneofs.Single(o => o.Name == "payload");

    /// <summary>Rows one retention statement deletes at most.</summary>
    public const int DeleteBatchSize = 10_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _commandTimeoutSeconds;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    public PostgresReportSink(IOptions<UploadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var postgres = options.Value.Postgres;
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString)
        {
            // Keep the session (and its staging table) when a connection goes back to the pool.
            NoResetOnClose = true,
        };
        _dataSource = NpgsqlDataSource.Create(builder);
        _commandTimeoutSeconds = Math.Max(1, (int)postgres.CommandTimeout.TotalSeconds);
    }

    public string Name => "postgres";

    /// <summary>Creates or migrates the schema; called before first use, and at start by the upload worker.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
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

            await Translate(async () =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", PostgresSchema.MigrationLock));
                await Execute(connection, transaction, PostgresSchema.CreateMigrationsTable, cancellationToken);
                var applied = new HashSet<int>();
                await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        applied.Add(reader.GetInt32(0));
                    }
                }

                foreach (var (version, description, sql) in PostgresSchema.Migrations.Where(m => !applied.Contains(m.Version)))
                {
                    await Execute(connection, transaction, sql, cancellationToken);
                    await Execute(connection, transaction, "INSERT INTO schema_migrations (version, description) VALUES (@version, @description)", cancellationToken,
                        ("version", version), ("description", description));
                }

                await transaction.CommitAsync(cancellationToken);
                return 0;
            });
            _migrated = true;
        }
        finally
        {
            _migration.Release();
        }
    }

    public async Task WriteAsync(IReadOnlyList<BufferedReport> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = new List<(Guid Id, BufferedReport Report)>(batch.Count);
        var rejections = new List<ReportRejection>();
        var seen = new HashSet<Guid>();
        foreach (var report in batch)
        {
            if (!Guid.TryParse(report.ReportId, out var id))
            {
                rejections.Add(new ReportRejection(report.ReportId, "report_id is not a UUID", Permanent: true));
            }
            else if (seen.Add(id))
            {
                rows.Add((id, report));
            }
        }

        if (rows.Count > 0)
        {
            await MigrateAsync(cancellationToken);
            await Translate(async () =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, PostgresSchema.CreateStaging, cancellationToken);
                await using (var importer = await connection.BeginBinaryImportAsync(PostgresSchema.Copy, cancellationToken))
                {
                    importer.Timeout = TimeSpan.FromSeconds(_commandTimeoutSeconds);
                    foreach (var (id, report) in rows)
                    {
                        await WriteRowAsync(importer, id, report, cancellationToken);
                    }

                    await importer.CompleteAsync(cancellationToken);
                }

                await Execute(connection, transaction, PostgresSchema.Merge, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return 0;
            });
        }

        if (rejections.Count > 0)
        {
            throw new ReportsRejectedException(rejections);
        }
    }

    public async Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceKey);
        await MigrateAsync(cancellationToken);
        return await Translate(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("DELETE FROM reports WHERE instance_key = @key", connection);
            command.Parameters.AddWithValue("key", instanceKey);
            command.CommandTimeout = _commandTimeoutSeconds;
            return (long)await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    /// <summary>
    /// Deletes the rows that arrived before <paramref name="cutoff"/>, <see cref="DeleteBatchSize"/> rows per
    /// transaction, so neither a long lock nor a large transaction holds up the writers.
    /// </summary>
    public async Task<long> DeleteArrivedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await MigrateAsync(cancellationToken);
        long removed = 0;
        while (true)
        {
            var count = await Translate(async () =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                await using var command = new NpgsqlCommand(PostgresSchema.DeleteArrivedBefore, connection) { CommandTimeout = _commandTimeoutSeconds };
                command.Parameters.AddWithValue("cutoff", cutoff.UtcDateTime);
                command.Parameters.AddWithValue("batch", DeleteBatchSize);
                return (long)await command.ExecuteNonQueryAsync(cancellationToken);
            });
            removed += count;
            if (count < DeleteBatchSize)
            {
                return removed;
            }
        }
    }

    /// <summary>
    /// Streams the installation's rows as reports rebuilt from what the table holds: the envelope columns and the
    /// payload (the rest of a report is not stored).
    /// </summary>
    public IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceKey);
        return ReadAsync("WHERE instance_key = @key ORDER BY arrival_time, report_id", instanceKey, cancellationToken);
    }

    /// <summary>Streams every row as a report rebuilt like <see cref="ExportInstanceAsync"/> does (a full scan).</summary>
    public IAsyncEnumerable<StoredReport> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(string.Empty, null, cancellationToken);

    private async IAsyncEnumerable<StoredReport> ReadAsync(string where, string? instanceKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await using var connection = await Translate(async () => await _dataSource.OpenConnectionAsync(cancellationToken));
        await using var command = new NpgsqlCommand($"SELECT {PostgresSchema.Columns} FROM reports {where}", connection);
        if (instanceKey is not null)
        {
            command.Parameters.AddWithValue("key", instanceKey);
        }

        // A full scan of a large table may take longer than one write; it is bounded by the caller's cancellation.
        command.CommandTimeout = instanceKey is null ? 0 : _commandTimeoutSeconds;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var report = new UsageReport
            {
                ReportId = reader.GetGuid(0).ToString(),
                SchemaVersion = (uint)reader.GetInt32(4),
                Instance = new InstanceIdentity { ClusterId = reader.GetString(2), InstanceId = reader.GetString(3) },
                Build = new BuildInfo { Version = reader.GetString(7) },
                Environment = new Telemetry.V1.Environment { Os = reader.GetString(8), Arch = reader.GetString(9) },
                Target = reader.GetString(10),
                Edition = reader.GetString(11),
            };
            if (!reader.IsDBNull(5))
            {
                report.ReportTime = Timestamp.FromDateTime(DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc));
            }

            SetPayload(report, reader.GetString(1), reader.GetString(12));
            var arrival = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc));
            yield return new StoredReport(report, arrival, Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _migration.Dispose();
    }

    /// <summary>The product payload of a report as protobuf JSON; <c>{}</c> when it has none.</summary>
    internal static string PayloadJson(UsageReport report)
    {
        var field = PayloadOneof.Accessor.GetCaseFieldDescriptor(report);
        return field?.Accessor.GetValue(report) is IMessage payload ? Formatter.Format(payload) : "{}";
    }

    private static void SetPayload(UsageReport report, string product, string json)
    {
        var field = PayloadOneof.Fields.FirstOrDefault(f => f.Name == product && f.Name != "generic");
        if (field is null)
        {
            report.Generic = Parser.Parse<GenericReport>(json);
            return;
        }

        var message = Parser.Parse(json, field.MessageType);
        field.Accessor.SetValue(report, message);
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter importer, Guid id, BufferedReport buffered, CancellationToken cancellationToken)
    {
        var report = buffered.Report;
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
        await importer.WriteAsync(buffered.Product, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(buffered.InstanceKey, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(report.Instance?.ClusterId ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(report.Instance?.InstanceId ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync((int)report.SchemaVersion, NpgsqlDbType.Integer, cancellationToken);
        if (report.ReportTime is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(report.ReportTime.ToDateTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await importer.WriteAsync(buffered.ArrivalTime.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(report.Build?.Version ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(report.Environment?.Os ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(report.Environment?.Arch ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(report.Target, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(report.Edition, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(PayloadJson(report), NpgsqlDbType.Jsonb, cancellationToken);
    }

    private async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = _commandTimeoutSeconds };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Outages (refused connections, a server shutting down, timeouts) become SinkUnavailableException, so the
    // uploader retries them without counting deliveries.
    private static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new SinkUnavailableException("PostgreSQL is unavailable: " + exception.Message, exception);
        }
    }

    internal static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || postgres.SqlState is "40001" or "40P01" || postgres.IsTransient,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        InvalidOperationException when exception.Message.Contains("connection", StringComparison.OrdinalIgnoreCase) => true,
        _ => false,
    };
}
