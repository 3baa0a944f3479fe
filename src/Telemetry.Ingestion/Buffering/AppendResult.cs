namespace Telemetry.Ingestion.Buffering;

/// <summary>The outcome of <see cref="IReportBuffer.AppendAsync"/> for one report.</summary>
/// <param name="Status">What happened to the report.</param>
/// <param name="RetryDelay">For <see cref="AppendStatus.Overloaded"/>, <see cref="AppendStatus.RateLimited"/> and <see cref="AppendStatus.Unavailable"/>: when to retry.</param>
/// <param name="Shard">The report's shard.</param>
/// <param name="EntryId">For <see cref="AppendStatus.Accepted"/>: the stream entry ID.</param>
public readonly record struct AppendResult(AppendStatus Status, TimeSpan RetryDelay, int Shard, string? EntryId);
