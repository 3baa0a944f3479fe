using Grpc.Testing;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>The methods of <c>grpc.testing.TestService</c> the benchmark serves.</summary>
internal static class TestServiceMethods
{
    public const string ServiceName = "grpc.testing.TestService";

    public static readonly Method<Empty, Empty> EmptyCall =
        new(MethodType.Unary, ServiceName, "EmptyCall", Empty.Parser, Empty.Parser);

    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall =
        new(MethodType.Unary, ServiceName, "UnaryCall", SimpleRequest.Parser, SimpleResponse.Parser);

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall =
        new(MethodType.DuplexStreaming, ServiceName, "FullDuplexCall", StreamingOutputCallRequest.Parser, StreamingOutputCallResponse.Parser);
}
