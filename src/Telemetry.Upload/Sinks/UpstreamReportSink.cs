using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Telemetry.Upload.Sinks;

/// <summary>Relays batches to another Telemetry service over gRPC (IngestService/IngestReports).</summary>
public sealed class UpstreamReportSink : IReportSink
{
    public UpstreamReportSink(IOptions<UploadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
    }

    public string Name => "upstream";

    public Task WriteAsync(IReadOnlyList<BufferedReport> batch, CancellationToken cancellationToken = default) =>
        throw new SinkUnavailableException("The upstream sink is not available in this build.");

    public Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public async IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }
}
