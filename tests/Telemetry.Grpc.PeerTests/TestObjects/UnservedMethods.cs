using Telemetry.Peertest.V1;

namespace Telemetry.Grpc.PeerTests.TestObjects;

/// <summary>The method table of <c>telemetry.peertest.v1.UnservedService</c>, which no server serves.</summary>
internal static class UnservedMethods
{
    public static readonly Method<EchoRequest, EchoResponse> Echo =
        new(MethodType.Unary, "telemetry.peertest.v1.UnservedService", "Echo", EchoRequest.Parser, EchoResponse.Parser);
}
