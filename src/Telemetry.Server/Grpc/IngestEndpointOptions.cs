using System.ComponentModel.DataAnnotations;

namespace Telemetry.Server.Grpc;

/// <summary>Limits of the ingest endpoints.</summary>
public sealed class IngestEndpointOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Most reports in one IngestReports batch; larger batches are refused whole. Defaults to 1000.</summary>
    [Range(1, 100_000)]
    public int MaxReportsPerBatch { get; set; } = 1000;

    /// <summary>
    /// Most reports of one stream being ingested at once. When it is reached the collector stops reading the
    /// stream until acknowledgements go out, so HTTP/2 flow control slows the sender. Defaults to 256.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxInFlightPerStream { get; set; } = 256;
}
