using Telemetry.Reporter.Transport;

namespace Telemetry.Reporter.Tests.TestObjects;

/// <summary>Counts how often the reporter asks for a transport and hands out the one it was given.</summary>
public sealed class CountingTransportFactory(Func<TelemetryReporterOptions, IReportTransport> create) : IReportTransportFactory
{
    private int _created;

    public int Created => Volatile.Read(ref _created);

    public IReportTransport Create(TelemetryReporterOptions options)
    {
        Interlocked.Increment(ref _created);
        return create(options);
    }
}
