namespace Telemetry.Intake.Relay;

/// <summary>What the intake does with a product's native reports.</summary>
public enum RelayMode
{
    /// <summary>Recorded as a <c>UsageReport</c>; nothing leaves the network. The default.</summary>
    Record = 0,

    /// <summary>Recorded, then the original request body is sent unchanged to <see cref="ProductRelayOptions.Url"/>.</summary>
    Forward = 1,

    /// <summary>
    /// Neither recorded nor forwarded, and answered with the vendor's success status so its reporter does not retry:
    /// for products whose reports an operator wants to silence.
    /// </summary>
    Block = 2,
}
