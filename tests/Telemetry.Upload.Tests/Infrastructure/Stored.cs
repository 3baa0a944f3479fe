using Npgsql;
using Telemetry.Upload.Internal;
using Telemetry.Upload.Sinks;

namespace Telemetry.Upload.Tests.Infrastructure;

/// <summary>Reads back what the sinks hold.</summary>
public static class Stored
{
    /// <summary>The report_ids of every line of every finished file (after closing open segments).</summary>
    public static async Task<List<string>> FileReportIdsAsync(FileReportSink sink)
    {
        await sink.FlushAsync();
        return FileReportIds(sink.Root);
    }

    public static List<string> FileReportIds(string root)
    {
        var ids = new List<string>();
        if (!Directory.Exists(root))
        {
            return ids;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*.ndjson.gz", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            ids.AddRange(FileReportSink.ReadLines(file).Select(line => ReportLine.Read(line).Report.ReportId));
        }

        return ids;
    }

    public static async Task<(long Rows, long Distinct)> PostgresCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT report_id) FROM reports", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
