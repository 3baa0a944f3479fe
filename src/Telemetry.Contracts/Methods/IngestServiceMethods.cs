using Google.Protobuf;
using Telemetry.Grpc;
using Telemetry.V1;

namespace Telemetry.Contracts.Methods;

/// <summary>
/// The methods of <c>telemetry.v1.IngestService</c>, shared by the collector, the reporter SDK and the relay.
/// Messages are parsed with unknown fields discarded: an older collector accepts a newer client's reports and
/// does not keep fields it cannot check.
/// </summary>
public static class IngestServiceMethods
{
    public const string ServiceName = "telemetry.v1.IngestService";

    public static readonly Method<IngestReportsRequest, IngestReportsResponse> IngestReports = new(
        MethodType.Unary,
        ServiceName,
        "IngestReports",
        Discarding(IngestReportsRequest.Parser),
        Discarding(IngestReportsResponse.Parser));

    public static readonly Method<StreamReportsRequest, StreamReportsResponse> StreamReports = new(
        MethodType.DuplexStreaming,
        ServiceName,
        "StreamReports",
        Discarding(StreamReportsRequest.Parser),
        Discarding(StreamReportsResponse.Parser));

    private static MessageParser<T> Discarding<T>(MessageParser<T> parser)
        where T : IMessage<T> => parser.WithDiscardUnknownFields(true);
}
