using Google.Protobuf;
using Telemetry.Contracts.Methods;
using Telemetry.V1;

namespace Telemetry.Ingestion.Validation;

/// <summary>
/// The parsers the transport must use for ingested messages. They discard unknown fields, which newer clients
/// send freely: a report is accepted with them, but they never reach the buffer, since the collector cannot know
/// their privacy class.
/// </summary>
public static class IngestParsers
{
    /// <summary>Parses a <see cref="V1.UsageReport"/>, dropping unknown fields at every depth.</summary>
    public static MessageParser<UsageReport> UsageReport { get; } = V1.UsageReport.Parser.WithDiscardUnknownFields(true);

    /// <summary>
    /// Parses an <see cref="V1.IngestReportsRequest"/>, dropping unknown fields at every depth: the parser of the
    /// IngestService method table, which the gRPC transport uses.
    /// </summary>
    public static MessageParser<IngestReportsRequest> IngestReportsRequest => IngestServiceMethods.IngestReports.RequestParser;

    /// <summary>Parses a <see cref="V1.StreamReportsRequest"/>, dropping unknown fields at every depth.</summary>
    public static MessageParser<StreamReportsRequest> StreamReportsRequest => IngestServiceMethods.StreamReports.RequestParser;
}
