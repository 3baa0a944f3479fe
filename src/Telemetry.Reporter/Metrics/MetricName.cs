namespace Telemetry.Reporter.Metrics;

/// <summary>Checks metric names: lower_snake_case segments separated by dots.</summary>
internal static class MetricName
{
    public static void Validate(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var segmentStart = true;
        foreach (var c in name)
        {
            var valid = segmentStart
                ? c is >= 'a' and <= 'z'
                : c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.';
            if (!valid)
            {
                throw new ArgumentException(
                    $"Metric name '{name}' is not lower_snake_case segments separated by dots.", nameof(name));
            }

            segmentStart = c == '.';
        }

        if (segmentStart)
        {
            throw new ArgumentException($"Metric name '{name}' ends with a dot.", nameof(name));
        }
    }
}
