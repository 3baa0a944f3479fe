using System.Collections.Concurrent;

namespace Telemetry.Upload.Internal;

/// <summary>
/// The encoders of one sink, reused across batches so their buffers are allocated once. Holds as many as were ever in
/// use at the same time: one per concurrent writer (one per buffer shard), plus one for a rewrite under the lock.
/// </summary>
internal sealed class ReportBatchEncoderPool : IDisposable
{
    private readonly ConcurrentBag<ReportBatchEncoder> _idle = [];

    public ReportBatchEncoder Rent() => _idle.TryTake(out var encoder) ? encoder : new ReportBatchEncoder();

    public void Return(ReportBatchEncoder encoder) => _idle.Add(encoder);

    public void Dispose()
    {
        while (_idle.TryTake(out var encoder))
        {
            encoder.Dispose();
        }
    }
}
