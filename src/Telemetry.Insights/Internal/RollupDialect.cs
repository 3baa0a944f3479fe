using System.Data.Common;

namespace Telemetry.Insights.Internal;

/// <summary>What differs between the embedded store (DuckDB) and PostgreSQL: connections, DDL and bulk loading.</summary>
internal abstract class RollupDialect : IAsyncDisposable
{
    /// <summary>Store name as configured: <c>duckdb</c> or <c>postgres</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Statements that create the tables and indexes when missing.</summary>
    public abstract IReadOnlyList<string> Schema { get; }

    /// <summary>
    /// Statement run first in every merge transaction, so concurrent writers (several collectors) take turns; null
    /// when the store has one writer.
    /// </summary>
    public abstract string? WriterLock { get; }

    /// <summary>
    /// What questions group and count installations by: the installation key itself, or where hashing it is much
    /// faster than grouping 36-character strings, its 64-bit hash (two of 50,000 installations collide with a
    /// chance of about one in ten billion).
    /// </summary>
    public abstract string InstanceKey(string column);

    /// <summary>
    /// Runs an operation on the store (everything from <see cref="OpenAsync"/> to <see cref="ReleaseAsync"/>) where the
    /// store's calls belong; by default, where it is called.
    /// </summary>
    public virtual Task<T> InvokeAsync<T>(Func<Task<T>> operation) => operation();

    /// <inheritdoc cref="InvokeAsync{T}"/>
    public virtual Task InvokeAsync(Func<Task> operation) => operation();

    /// <summary>Opens a connection (or hands out the store's only one) for <paramref name="work"/>.</summary>
    public abstract Task<DbConnection> OpenAsync(RollupWork work, CancellationToken cancellationToken);

    /// <summary>Gives a connection from <see cref="OpenAsync"/> back.</summary>
    public abstract ValueTask ReleaseAsync(DbConnection connection);

    /// <summary>Loads the batch into the stage tables inside the transaction.</summary>
    public abstract Task LoadStageAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<RollupRow> rows, CancellationToken cancellationToken);

    /// <summary>
    /// The error a store's memory limit caused, explained with the setting that sets it; null for any other error.
    /// </summary>
    public virtual InsightsMemoryException? OutOfMemory(DbException exception) => null;

    public abstract ValueTask DisposeAsync();
}
