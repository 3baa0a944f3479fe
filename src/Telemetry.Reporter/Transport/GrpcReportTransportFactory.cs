using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Telemetry.Reporter.Transport;

/// <summary>Creates a <see cref="GrpcReportTransport"/> to <see cref="TelemetryReporterOptions.Endpoint"/>.</summary>
/// <remarks>The reporter uses it when <see cref="TelemetryReporterOptions.Endpoint"/> is set, it is not a dry run and no other factory is given.</remarks>
public sealed class GrpcReportTransportFactory : IReportTransportFactory
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the factory.</summary>
    /// <param name="loggerFactory">For the transport's events; defaults to none.</param>
    /// <param name="timeProvider">The clock for reconnect backoff; defaults to the system clock.</param>
    public GrpcReportTransportFactory(ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public IReportTransport Create(TelemetryReporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new GrpcReportTransport(options, _loggerFactory.CreateLogger<GrpcReportTransport>(), _timeProvider);
    }
}
