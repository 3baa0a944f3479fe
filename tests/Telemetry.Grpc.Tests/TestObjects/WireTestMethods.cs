using Telemetry.Grpctest.V1;

namespace Telemetry.Grpc.Tests.TestObjects;

/// <summary>The methods of <c>telemetry.grpctest.v1.WireTestService</c>, declared by hand.</summary>
public static class WireTestMethods
{
    public const string ServiceName = "telemetry.grpctest.v1.WireTestService";

    public static readonly Method<EchoRequest, EchoResponse> Echo =
        new(MethodType.Unary, ServiceName, "Echo", EchoRequest.Parser, EchoResponse.Parser);

    public static readonly Method<EchoRequest, EchoResponse> EchoStream =
        new(MethodType.DuplexStreaming, ServiceName, "EchoStream", EchoRequest.Parser, EchoResponse.Parser);

    public static readonly Method<EchoRequest, EchoResponse> Wait =
        new(MethodType.ServerStreaming, ServiceName, "Wait", EchoRequest.Parser, EchoResponse.Parser);

    public static readonly Method<EchoRequest, EchoResponse> Fail =
        new(MethodType.Unary, ServiceName, "Fail", EchoRequest.Parser, EchoResponse.Parser);

    public static readonly Method<EchoRequest, EchoResponse> Stubborn =
        new(MethodType.Unary, ServiceName, "Stubborn", EchoRequest.Parser, EchoResponse.Parser);
}
