using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Telemetry.Upload.Internal;
using Telemetry.V1;

namespace Telemetry.Upload.Benchmarks;

/// <summary>
/// The CPU the file sink spends turning reports into its lines, measured alone in this process on the benchmark's
/// reports: the whole encoding of a batch (protobuf JSON, UTF-8 and gzip, <see cref="ReportBatchEncoder"/>) and the
/// share of it that protobuf's own <see cref="JsonFormatter"/> takes. Beside the drain rates it shows how much of a
/// file sink's cost per report no change to the drain itself can remove.
/// </summary>
internal static class EncodingCost
{
    private const int BatchSize = 1_000;
    private const int WarmUpBatches = 50;
    private const int MeasuredBatches = 200;

    /// <summary>Microseconds of CPU per report: the whole encoding, and protobuf's JSON formatting within it.</summary>
    public static (double Encoding, double Formatting) Measure()
    {
        var cluster = Guid.NewGuid().ToString();
        var batch = Enumerable.Range(0, BatchSize).Select(_ =>
        {
            var payload = DrainBenchmark.Report(cluster).ToByteArray();
            var report = UsageReport.Parser.ParseFrom(payload);
            return new BufferedReport(0, "0-0", report.ReportId, "mimir", DateTimeOffset.UtcNow, payload, report);
        }).ToList();

        using var encoder = new ReportBatchEncoder();
        var formatter = new JsonFormatter(JsonFormatter.Settings.Default);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var encoding = Time(() => encoder.Encode(batch));
        var formatting = Time(() =>
        {
            foreach (var report in batch)
            {
                text.GetStringBuilder().Clear();
                formatter.Format(report.Report, text);
            }
        });
        return (encoding, formatting);
    }

    private static double Time(Action encodeBatch)
    {
        for (var i = 0; i < WarmUpBatches; i++)
        {
            encodeBatch();
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < MeasuredBatches; i++)
        {
            encodeBatch();
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / (MeasuredBatches * BatchSize);
    }
}
