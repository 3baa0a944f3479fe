namespace Telemetry.Upload.Tests.TestObjects;

/// <summary>A sink in front of a real one that takes <see cref="Delay"/> before every write, honouring cancellation.</summary>
public sealed class SlowSink(IReportSink inner, TimeSpan delay) : IReportSink
{
    private int _writesStarted;

    public string Name => inner.Name;

    public TimeSpan Delay => delay;

    /// <summary>Writes begun so far.</summary>
    public int WritesStarted => Volatile.Read(ref _writesStarted);

    public async Task WriteAsync(IReadOnlyList<BufferedReport> batch, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writesStarted);
        await Task.Delay(delay, cancellationToken);
        await inner.WriteAsync(batch, cancellationToken);
    }

    public Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default) =>
        inner.DeleteInstanceAsync(instanceKey, cancellationToken);

    public IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, CancellationToken cancellationToken = default) =>
        inner.ExportInstanceAsync(instanceKey, cancellationToken);
}
