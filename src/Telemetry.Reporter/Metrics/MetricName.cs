using System.Collections.Concurrent;
using System.Text;

namespace Telemetry.Reporter.Metrics;

/// <summary>
/// Parses metric names: lower_snake_case segments separated by dots, each optionally followed by keys in brackets
/// (<c>cpu_usage[CPUNode]</c>, <c>requests.rest.responses[GET /collections]</c>). Inside brackets any character
/// is data; <c>\</c> escapes <c>]</c> and <c>\</c>.
/// </summary>
internal static class MetricName
{
    // Names are few and fixed for a process's life, so their parsed paths are kept rather than parsed per report.
    private static readonly ConcurrentDictionary<string, string[]> Paths = new(StringComparer.Ordinal);

    public static void Validate(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _ = Parse(name);
    }

    /// <summary>The steps of a name: its segments and its keys, unescaped, in order.</summary>
    public static string[] Parse(string name) => Paths.TryGetValue(name, out var path) ? path : Paths.GetOrAdd(name, ParseCore);

    /// <summary>A key as it is written in a name: <c>[key]</c> with <c>]</c> and <c>\</c> escaped.</summary>
    public static string Key(string key) =>
        "[" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal) + "]";

    private static string[] ParseCore(string name)
    {
        var steps = new List<string>();
        var i = 0;
        while (true)
        {
            var start = i;
            if (i >= name.Length || name[i] is not (>= 'a' and <= 'z'))
            {
                throw Invalid(name);
            }

            while (i < name.Length && name[i] is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')
            {
                i++;
            }

            steps.Add(name[start..i]);
            while (i < name.Length && name[i] == '[')
            {
                steps.Add(ReadKey(name, ref i));
            }

            if (i == name.Length)
            {
                return [.. steps];
            }

            if (name[i] != '.' || ++i == name.Length)
            {
                throw Invalid(name);
            }
        }
    }

    private static string ReadKey(string name, ref int i)
    {
        var key = new StringBuilder();
        for (i++; i < name.Length; i++)
        {
            var c = name[i];
            if (c == ']')
            {
                i++;
                return key.ToString();
            }

            if (c == '\\' && i + 1 < name.Length)
            {
                c = name[++i];
            }

            key.Append(c);
        }

        throw Invalid(name);
    }

    private static ArgumentException Invalid(string name) => new(
        $"Metric name '{name}' is not lower_snake_case segments separated by dots, each optionally followed by [key].",
        nameof(name));
}
