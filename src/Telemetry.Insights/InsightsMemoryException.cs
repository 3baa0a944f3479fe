namespace Telemetry.Insights;

/// <summary>
/// A question the embedded store could not answer within its memory limit (<c>Insights:DuckDbMemoryLimitMiB</c>);
/// answered RESOURCE_EXHAUSTED, with the setting to raise in the message.
/// </summary>
public sealed class InsightsMemoryException(string message, Exception inner) : Exception(message, inner);
