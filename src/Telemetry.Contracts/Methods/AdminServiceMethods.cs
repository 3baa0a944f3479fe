using Telemetry.Grpc;
using Telemetry.V1;

namespace Telemetry.Contracts.Methods;

/// <summary>The methods of <c>telemetry.v1.AdminService</c>.</summary>
public static class AdminServiceMethods
{
    public const string ServiceName = "telemetry.v1.AdminService";

    public static readonly Method<DeleteInstanceDataRequest, DeleteInstanceDataResponse> DeleteInstanceData = new(
        MethodType.Unary,
        ServiceName,
        "DeleteInstanceData",
        DeleteInstanceDataRequest.Parser,
        DeleteInstanceDataResponse.Parser);

    public static readonly Method<ExportInstanceDataRequest, ExportInstanceDataResponse> ExportInstanceData = new(
        MethodType.ServerStreaming,
        ServiceName,
        "ExportInstanceData",
        ExportInstanceDataRequest.Parser,
        ExportInstanceDataResponse.Parser);
}
