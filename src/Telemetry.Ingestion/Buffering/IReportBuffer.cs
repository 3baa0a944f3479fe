using Telemetry.Buffer;
namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// The durable buffer between ingestion and storage: sharded Redis streams read by the uploader's consumer group.
/// Appends are deduplicated by report_id and bounded by high-water marks; entries are never trimmed.
/// </summary>
public interface IReportBuffer
{
    /// <summary>
    /// Appends one serialized report unless its report_id was seen within the deduplication window or its shard is
    /// full. Never throws for Redis failures: they are <see cref="AppendStatus.Unavailable"/>. Takes no cancellation
    /// token: like a single Redis call, an append once asked for cannot be taken back, and it ends within the Redis
    /// operation timeout.
    /// </summary>
    Task<AppendResult> AppendAsync(byte[] report, string reportId, string product);

    /// <summary>
    /// Whether a report with <paramref name="reportId"/> was appended within the deduplication window: a cheap
    /// read before spending a rate-limit token. The append itself remains the authority.
    /// </summary>
    /// <exception cref="BufferUnavailableException">Redis is unavailable.</exception>
    Task<bool> ContainsAsync(string reportId, CancellationToken cancellationToken = default);

    /// <summary>Reads every shard's depth, bytes and oldest-entry age (for the metrics endpoint).</summary>
    /// <exception cref="BufferUnavailableException">Redis is unavailable.</exception>
    Task<IReadOnlyList<ShardStatus>> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates every shard stream and its consumer group (<see cref="BufferKeyspace.ConsumerGroup"/>) if missing.
    /// </summary>
    /// <exception cref="BufferUnavailableException">Redis is unavailable.</exception>
    Task InitializeAsync(CancellationToken cancellationToken = default);

}
