using System.Globalization;
using System.Text;
using Telemetry.Intake.Internal;

namespace Telemetry.Intake.Prometheus;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4) into metric families, the same model the
/// protobuf-delimited format carries: <c># TYPE</c> lines, samples <c>name{label="value",…} value [timestamp]</c>,
/// and a histogram's <c>_bucket</c>, <c>_sum</c> and <c>_count</c> samples folded into one series per label set.
/// </summary>
internal static class PrometheusTextParser
{
    public static List<MetricFamily> Parse(string text)
    {
        var families = new Dictionary<string, MetricFamily>(StringComparer.Ordinal);
        var order = new List<MetricFamily>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 4 && parts[1] == "TYPE")
                {
                    Family(parts[2]).Type = TypeOf(parts[3], lineNumber);
                }

                continue;
            }

            var (name, labels, value, timestamp) = Sample(line, lineNumber);
            AddSample(name, labels, value, timestamp);
        }

        return order;

        MetricFamily Family(string name)
        {
            if (!families.TryGetValue(name, out var family))
            {
                family = new MetricFamily { Name = name, Type = MetricType.Untyped };
                families[name] = family;
                order.Add(family);
            }

            return family;
        }

        void AddSample(string name, List<LabelPair> labels, double value, long? timestamp)
        {
            foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal)
                    && families.TryGetValue(name[..^suffix.Length], out var histogram) && histogram.Type == MetricType.Histogram)
                {
                    AddHistogramSample(histogram, suffix, labels, value, timestamp);
                    return;
                }
            }

            var family = Family(name);
            var metric = new Metric { Label = { labels } };
            if (timestamp is { } ms)
            {
                metric.TimestampMs = ms;
            }

            switch (family.Type)
            {
                case MetricType.Counter:
                    metric.Counter = new Counter { Value = value };
                    break;
                case MetricType.Gauge:
                    metric.Gauge = new Gauge { Value = value };
                    break;
                default:
                    metric.Untyped = new Untyped { Value = value };
                    break;
            }

            family.Metric.Add(metric);
        }
    }

    private static void AddHistogramSample(MetricFamily family, string suffix, List<LabelPair> labels, double value, long? timestamp)
    {
        var upperBound = labels.FirstOrDefault(l => l.Name == "le");
        var seriesLabels = labels.Where(l => l.Name != "le").ToList();
        var metric = family.Metric.FirstOrDefault(m => m.Label.SequenceEqual(seriesLabels));
        if (metric is null)
        {
            metric = new Metric { Label = { seriesLabels }, Histogram = new Histogram() };
            family.Metric.Add(metric);
        }

        if (timestamp is { } ms)
        {
            metric.TimestampMs = ms;
        }

        switch (suffix)
        {
            case "_bucket" when upperBound is not null:
                metric.Histogram.Bucket.Add(new Bucket { UpperBound = Number(upperBound.Value), CumulativeCount = (ulong)Math.Max(0, value) });
                break;
            case "_sum":
                metric.Histogram.SampleSum = value;
                break;
            case "_count":
                metric.Histogram.SampleCount = (ulong)Math.Max(0, value);
                break;
        }
    }

    private static (string Name, List<LabelPair> Labels, double Value, long? Timestamp) Sample(string line, int lineNumber)
    {
        var labels = new List<LabelPair>();
        var position = 0;
        while (position < line.Length && line[position] is not ('{' or ' ' or '\t'))
        {
            position++;
        }

        var name = line[..position];
        if (name.Length == 0)
        {
            throw Error(lineNumber, "a metric name is required.");
        }

        if (position < line.Length && line[position] == '{')
        {
            position = Labels(line, position + 1, labels, lineNumber);
        }

        var rest = line[position..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is 0 or > 2)
        {
            throw Error(lineNumber, "a sample is a name, optional labels, a value and an optional timestamp.");
        }

        long? timestamp = null;
        if (rest.Length == 2)
        {
            timestamp = long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                ? ms
                : throw Error(lineNumber, $"\"{rest[1]}\" is not a timestamp.");
        }

        return (name, labels, Number(rest[0], lineNumber), timestamp);
    }

    private static int Labels(string line, int position, List<LabelPair> labels, int lineNumber)
    {
        while (true)
        {
            while (position < line.Length && line[position] is ' ' or ',')
            {
                position++;
            }

            if (position < line.Length && line[position] == '}')
            {
                return position + 1;
            }

            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw Error(lineNumber, "labels are written name=\"value\".");
            }

            var value = new StringBuilder();
            var i = equals + 2;
            for (; i < line.Length && line[i] != '"'; i++)
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            if (i >= line.Length)
            {
                throw Error(lineNumber, "a label value is not closed.");
            }

            labels.Add(new LabelPair { Name = line[position..equals].Trim(), Value = value.ToString() });
            position = i + 1;
        }
    }

    private static MetricType TypeOf(string type, int lineNumber) => type.Trim() switch
    {
        "counter" => MetricType.Counter,
        "gauge" => MetricType.Gauge,
        "histogram" => MetricType.Histogram,
        "summary" => MetricType.Summary,
        "untyped" => MetricType.Untyped,
        _ => throw Error(lineNumber, $"\"{type}\" is not a metric type."),
    };

    private static double Number(string text, int lineNumber = 0) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw Error(lineNumber, $"\"{text}\" is not a number."),
    };

    private static IntakeFormatException Error(int lineNumber, string message) =>
        new($"line {lineNumber}", message);
}
