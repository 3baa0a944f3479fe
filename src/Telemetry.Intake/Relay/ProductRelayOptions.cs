namespace Telemetry.Intake.Relay;

/// <summary>The relay of one product (<c>Intake:Relay:&lt;product&gt;</c>).</summary>
public sealed class ProductRelayOptions
{
    /// <summary><c>Record</c> (the default), <c>Forward</c> or <c>Block</c>.</summary>
    public RelayMode Mode { get; set; } = RelayMode.Record;

    /// <summary>
    /// Where <c>Forward</c> sends the original request: the vendor's own receiver unless set (another collector's
    /// intake route, for example). Must be an absolute http or https URL.
    /// </summary>
    public Uri? Url { get; set; }
}
