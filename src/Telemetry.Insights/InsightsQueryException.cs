namespace Telemetry.Insights;

/// <summary>A question that cannot be answered as asked; names the offending parameter.</summary>
public sealed class InsightsQueryException(string parameter, string message) : Exception(message)
{
    /// <summary>The parameter at fault, such as <c>field</c>.</summary>
    public string Parameter { get; } = parameter;
}
