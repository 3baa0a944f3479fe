using System.Globalization;
using System.Text;

namespace Telemetry.Insights;

/// <summary>
/// The answer to a question: named columns and rows, the same for the JSON the page reads and the CSV download.
/// Cells are strings, 64-bit integers, doubles or null.
/// </summary>
/// <param name="Question">The question answered, such as <c>active</c>.</param>
/// <param name="Columns">Column names.</param>
/// <param name="Rows">Rows, one cell per column.</param>
public sealed record InsightTable(string Question, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>RFC 4180 CSV with a header line; numbers in invariant culture, dates as yyyy-MM-dd.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns.Select(Quote)).Append("\r\n");
        foreach (var row in Rows)
        {
            csv.AppendJoin(',', row.Select(cell => Quote(Format(cell)))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
