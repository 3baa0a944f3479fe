using System.Threading.Channels;
using Google.Protobuf;
using Telemetry.Reporter.Transport;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.TestObjects;

/// <summary>
/// Records every report it is given, with the encoded bytes and the clock's time, and answers with scripted
/// outcomes (then <see cref="ReportSendResult.Accepted"/>).
/// </summary>
public sealed class RecordingTransport : IReportTransport
{
    private readonly Queue<ReportSendResult> _script;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<SentReport> _sent = Channel.CreateUnbounded<SentReport>();

    public RecordingTransport(TimeProvider timeProvider, params ReportSendResult[] script)
    {
        _timeProvider = timeProvider;
        _script = new Queue<ReportSendResult>(script);
    }

    public List<SentReport> Sent { get; } = [];

    public bool Disposed { get; private set; }

    public Task<ReportSendResult> SendAsync(UsageReport report, CancellationToken cancellationToken = default)
    {
        var sent = new SentReport(report.Clone(), report.ToByteArray(), _timeProvider.GetUtcNow());
        ReportSendResult result;
        lock (_script)
        {
            Sent.Add(sent);
            result = _script.Count > 0 ? _script.Dequeue() : ReportSendResult.Accepted;
        }

        _sent.Writer.TryWrite(sent);
        return Task.FromResult(result);
    }

    /// <summary>Waits for the next report the reporter sends.</summary>
    public async Task<SentReport> NextAsync(CancellationToken cancellationToken) =>
        await _sent.Reader.ReadAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    public sealed record SentReport(UsageReport Report, byte[] Bytes, DateTimeOffset Time);
}
