using Telemetry.Buffer;
namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// The durable buffer between ingestion and storage: sharded Redis streams read by the uploader's consumer group.
/// Appends are deduplicated by report_id (while the report is buffered), rate limited per instance and bounded by
/// high-water marks; entries are never trimmed.
/// </summary>
public interface IReportBuffer
{
    /// <summary>
    /// Appends serialized reports, each unless its report_id is still in the buffer, its shard or Redis's memory is
    /// full or its instance is over its rate limit; one result per report, in order. Never throws for Redis failures:
    /// they are <see cref="AppendStatus.Unavailable"/>. Takes no cancellation token: like a single Redis call, an
    /// append once asked for cannot be taken back, and it ends within the Redis operation timeout.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<AppendRequest> reports);

    /// <summary>Reads every shard's depth, bytes and oldest-entry age (for the metrics endpoint).</summary>
    /// <exception cref="BufferUnavailableException">Redis is unavailable.</exception>
    Task<IReadOnlyList<ShardStatus>> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates every shard stream and its consumer group (<see cref="BufferKeyspace.ConsumerGroup"/>) if missing.
    /// </summary>
    /// <exception cref="BufferUnavailableException">Redis is unavailable.</exception>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
