namespace Telemetry.Reporter.Transport;

/// <summary>Creates the transport reports are sent with.</summary>
/// <remarks>
/// The reporter calls <see cref="Create"/> at most once, and only when reporting is enabled and not a dry run, so a
/// disabled reporter never opens a connection.
/// </remarks>
public interface IReportTransportFactory
{
    /// <summary>Creates the transport.</summary>
    /// <param name="options">The reporter's options, such as <see cref="TelemetryReporterOptions.Endpoint"/>.</param>
    /// <returns>The transport; the reporter disposes it when it stops.</returns>
    IReportTransport Create(TelemetryReporterOptions options);
}
