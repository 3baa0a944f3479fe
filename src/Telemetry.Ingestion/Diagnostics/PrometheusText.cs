using System.Text;

namespace Telemetry.Ingestion.Diagnostics;

/// <summary>Helpers for the Prometheus text exposition format.</summary>
internal static class PrometheusText
{
    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabel(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
