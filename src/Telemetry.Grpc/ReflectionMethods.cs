using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Telemetry.Grpc;

/// <summary>The <c>ServerReflectionInfo</c> methods of <c>grpc.reflection.v1</c> and <c>grpc.reflection.v1alpha</c>.</summary>
public static class ReflectionMethods
{
    public const string V1ServiceName = "grpc.reflection.v1.ServerReflection";
    public const string V1AlphaServiceName = "grpc.reflection.v1alpha.ServerReflection";

    public static readonly Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse> ServerReflectionInfo = new(
        MethodType.DuplexStreaming,
        V1ServiceName,
        "ServerReflectionInfo",
        V1.ServerReflectionRequest.Parser,
        V1.ServerReflectionResponse.Parser);

    public static readonly Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> ServerReflectionInfoV1Alpha = new(
        MethodType.DuplexStreaming,
        V1AlphaServiceName,
        "ServerReflectionInfo",
        V1Alpha.ServerReflectionRequest.Parser,
        V1Alpha.ServerReflectionResponse.Parser);
}
