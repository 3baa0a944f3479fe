using System.Globalization;
using System.Text;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>The result table: each figure beside the ceiling measured in the same run, the ratio and the target.</summary>
internal sealed class Report
{
    private readonly List<string[]> _rows = [["figure", "gRPC layer", "ceiling", "ratio", "paired", "target", "met"]];

    /// <summary>
    /// A rate (higher is better): the best of each, their ratio, and the median of the ratios of runs made one after
    /// the other in the same round (steadier when the machine's load varies).
    /// </summary>
    public void AddRate(string figure, double value, double ceiling, double? pairedRatio, string target, bool? met) =>
        _rows.Add([figure, Number(value), Number(ceiling), Percent(value / ceiling), pairedRatio is { } paired ? Percent(paired) : "-", target, Met(met)]);

    public void AddBytes(string figure, double value, double ceiling, string target, bool? met) =>
        _rows.Add([figure, Bytes(value), Bytes(ceiling), "-", "-", target, Met(met)]);

    /// <summary>A cost (lower is better); the ratio is ceiling / value, the share of the ceiling's rate it allows.</summary>
    public void AddCost(string figure, double value, double ceiling, string target) =>
        _rows.Add([figure, value.ToString("N2", CultureInfo.InvariantCulture), ceiling.ToString("N2", CultureInfo.InvariantCulture),
            Percent(ceiling / value), "-", target, "-"]);

    public string Format()
    {
        var widths = Enumerable.Range(0, _rows[0].Length).Select(c => _rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < _rows.Count; r++)
        {
            text.AppendJoin(" | ", _rows[r].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
            if (r == 0)
            {
                text.AppendJoin("-+-", widths.Select(w => new string('-', w))).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Met(bool? met) => met switch { true => "yes", false => "NO", null => "-" };

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    private static string Bytes(double value) => value.ToString("N1", CultureInfo.InvariantCulture) + " B";
}
