using Telemetry.Peertest.V1;

namespace Telemetry.Grpc.PeerTests.TestObjects;

/// <summary>The method table of <c>telemetry.peertest.v1.PeerTestService</c>.</summary>
internal static class PeerTestMethods
{
    public const string ServiceName = "telemetry.peertest.v1.PeerTestService";

    public static readonly Method<EchoRequest, EchoResponse> Echo =
        new(MethodType.Unary, ServiceName, "Echo", EchoRequest.Parser, EchoResponse.Parser);

    public static readonly Method<EchoRequest, EchoResponse> EchoStream =
        new(MethodType.DuplexStreaming, ServiceName, "EchoStream", EchoRequest.Parser, EchoResponse.Parser);
}
