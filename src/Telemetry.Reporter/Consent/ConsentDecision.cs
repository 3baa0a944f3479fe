namespace Telemetry.Reporter.Consent;

/// <summary>Whether reporting may run, and why not.</summary>
/// <param name="Enabled">Whether reports may be built and sent.</param>
/// <param name="Reason">What disabled reporting, such as "DO_NOT_TRACK=1"; empty when enabled.</param>
public sealed record ConsentDecision(bool Enabled, string Reason);
