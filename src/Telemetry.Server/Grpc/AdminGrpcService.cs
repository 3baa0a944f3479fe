using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Telemetry.Upload;
using Telemetry.V1;

namespace Telemetry.Server.Grpc;

/// <summary>
/// <c>telemetry.v1.AdminService</c>: export and delete everything held for one installation, in the buffer and in
/// every sink. <see cref="AdminTokenInterceptor"/> admits only calls that present the admin token.
/// </summary>
internal sealed class AdminGrpcService(DataRights dataRights) : AdminService.AdminServiceBase
{
    public override async Task<DeleteInstanceDataResponse> DeleteInstanceData(DeleteInstanceDataRequest request, ServerCallContext context)
    {
        RequireInstanceKey(request.InstanceKey);
        var removed = await dataRights.DeleteInstanceAsync(request.InstanceKey, context.CancellationToken);
        return new DeleteInstanceDataResponse { Removed = { removed } };
    }

    public override async Task ExportInstanceData(
        ExportInstanceDataRequest request,
        IServerStreamWriter<ExportInstanceDataResponse> responseStream,
        ServerCallContext context)
    {
        RequireInstanceKey(request.InstanceKey);
        await foreach (var stored in dataRights.ExportInstanceAsync(request.InstanceKey, context.CancellationToken))
        {
            await responseStream.WriteAsync(new ExportInstanceDataResponse
            {
                Report = stored.Report,
                Location = stored.Location,
                ArrivalTime = Timestamp.FromDateTimeOffset(stored.ArrivalTime),
            });
        }
    }

    private static void RequireInstanceKey(string instanceKey)
    {
        if (string.IsNullOrEmpty(instanceKey))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "instance_key: the cluster_id or instance_id of the installation is required"));
        }
    }
}
