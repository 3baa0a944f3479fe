using System.IO.Compression;
using System.Text.Json;

namespace Telemetry.Chaos;

/// <summary>Reads the report_ids of every closed file of the file sink, counting how often each was stored.</summary>
internal static class SinkReader
{
    public static Dictionary<string, int> StoredCounts(string directory)
    {
        var counts = new Dictionary<string, int>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.ndjson.gz", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file).StartsWith('.'))
            {
                continue;
            }

            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            while (reader.ReadLine() is { Length: > 0 } line)
            {
                using var document = JsonDocument.Parse(line);
                var id = document.RootElement.GetProperty("report_id").GetString()!;
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        return counts;
    }
}
