using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Telemetry.Upload.Tests.TestObjects;

/// <summary>
/// A sink in front of a real one that fails in scripted ways: rejects one report_id every time, or throttles the
/// first writes. Everything it does not refuse goes to the inner sink.
/// </summary>
public sealed class ScriptedSink(IReportSink inner) : IReportSink
{
    private int _throttles;

    public string Name => inner.Name;

    /// <summary>A report_id refused on every write, as a retryable rejection.</summary>
    public string? RejectReportId { get; init; }

    public string RejectReason { get; init; } = "the sink refuses this report";

    /// <summary>How many writes to answer with a throttle first.</summary>
    public int Throttles
    {
        get => _throttles;
        init => _throttles = value;
    }

    public TimeSpan ThrottleDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public async Task WriteAsync(IReadOnlyList<BufferedReport> batch, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _throttles) >= 0)
        {
            throw new SinkThrottledException(ThrottleDelay);
        }

        BatchSizes.Enqueue(batch.Count);
        var accepted = batch.Where(r => r.ReportId != RejectReportId).ToList();
        await inner.WriteAsync(accepted, cancellationToken);
        if (accepted.Count < batch.Count)
        {
            throw new ReportsRejectedException([new ReportRejection(RejectReportId!, RejectReason, Permanent: false)]);
        }
    }

    public Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default) =>
        inner.DeleteInstanceAsync(instanceKey, cancellationToken);

    public async IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var report in inner.ExportInstanceAsync(instanceKey, cancellationToken))
        {
            yield return report;
        }
    }
}
