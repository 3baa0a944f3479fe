using System.Runtime.CompilerServices;

namespace Telemetry.Upload.Benchmarks;

/// <summary>Stores nothing: the baseline that measures the uploader and Redis alone.</summary>
internal sealed class NullSink : IReportSink
{
    public string Name => "null";

    public Task WriteAsync(IReadOnlyList<BufferedReport> batch, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public async IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }
}
