using System.IO.Compression;
using System.Text.Json;
using Npgsql;

namespace Telemetry.Chaos;

/// <summary>Reads back what a sink stored: how often each report_id was stored.</summary>
internal interface ISinkReader
{
    Task<Dictionary<string, int>> StoredCountsAsync();
}

/// <summary>Reads the report_ids of every closed file of the file sink, counting how often each was stored.</summary>
internal sealed class FileSinkReader(string directory) : ISinkReader
{
    public Task<Dictionary<string, int>> StoredCountsAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.ndjson.gz", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file).StartsWith('.'))
            {
                continue;
            }

            try
            {
                using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var reader = new StreamReader(gzip);
                while (reader.ReadLine() is { Length: > 0 } line)
                {
                    using var document = JsonDocument.Parse(line);
                    var id = document.RootElement.GetProperty("report_id").GetString()!;
                    counts[id] = counts.GetValueOrDefault(id) + 1;
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidDataException)
            {
                // A published file that does not read back is a broken promise of the sink, not a fault to wait out.
                throw new InvalidDataException($"the sink's file {file} is corrupt: {exception.Message}", exception);
            }
        }

        return Task.FromResult(counts);
    }
}

/// <summary>
/// Reads the PostgreSQL sink's <c>reports</c> rows. report_id is the table's key, so a duplicate would show as a
/// failed insert rather than a second row: the count per id is read all the same, so the check does not rest on it.
/// </summary>
internal sealed class PostgresSinkReader(string connectionString) : ISinkReader
{
    public async Task<Dictionary<string, int>> StoredCountsAsync()
    {
        var counts = new Dictionary<string, int>();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT report_id::text, count(*) FROM reports GROUP BY report_id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = (int)reader.GetInt64(1);
            }
        }
        catch (NpgsqlException)
        {
            // Not reachable yet, or the table is not created yet: nothing read back this time.
        }

        return counts;
    }
}
