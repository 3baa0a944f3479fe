using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Telemetry.Upload.Internal;
using Telemetry.Upload.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Upload.Tests;

/// <summary>The file sink's line format, which readers of the files depend on byte for byte.</summary>
[TestFixture]
public sealed class ReportBatchEncoderTests
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    [Test]
    public void Encode_VariedReports_WritesTheDocumentedLines()
    {
        // Arrange: enough reports to span several staging blocks, arrival times at the edges of the millisecond
        // field, and strings that need JSON escaping or hold characters outside the BMP (surrogate pairs).
        var arrivals = new[] { 0L, 1L, 999L, 1_000L, 1_700_000_000_123L, 4_102_444_799_999L };
        var odd = new[] { "plain-id_1.0", "quote\"back\\slash", "tab\there\nnewline", "élan", "emoji 😀 pair", "<tag>&'+" };
        var reports = new List<BufferedReport>();
        for (var i = 0; i < 600; i++)
        {
            var report = TestReports.Create(clusterId: i % 7 == 0 ? odd[i % odd.Length] : null, reportId: i % 5 == 0 ? odd[i % odd.Length] + i : null);
            report.Build.Version = odd[(i + 3) % odd.Length];
            report.Mimir = new MimirReport { Target = odd[(i + 1) % odd.Length] };
            var arrival = DateTimeOffset.FromUnixTimeMilliseconds(arrivals[i % arrivals.Length] + i);
            reports.Add(new BufferedReport(0, "0-1", report.ReportId, "mimir", arrival, report.ToByteArray(), report));
        }

        var expected = string.Concat(reports.Select(ExpectedLine));
        using var encoder = new ReportBatchEncoder();

        // Act: twice, as the encoder's buffers are reused from one batch to the next.
        encoder.Encode(reports.Take(50).ToList());
        var member = encoder.Encode(reports).ToArray();

        // Assert
        Assert.That(Decompress(member), Is.EqualTo(expected));
    }

    // The line as documented: {"report_id":…,"arrival_time":…,"instance_key":…,"report":{protobuf JSON}}.
    private static string ExpectedLine(BufferedReport report) =>
        "{\"report_id\":" + JsonSerializer.Serialize(report.ReportId)
        + ",\"arrival_time\":\"" + report.ArrivalTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        + "\",\"instance_key\":" + JsonSerializer.Serialize(report.InstanceKey)
        + ",\"report\":" + Formatter.Format(report.Report) + "}\n";

    private static string Decompress(byte[] member)
    {
        using var gzip = new GZipStream(new MemoryStream(member), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        return reader.ReadToEnd();
    }
}
