using Google.Protobuf.WellKnownTypes;
using Telemetry.Contracts.Methods;
using Telemetry.Grpc;
using Telemetry.Ingestion.Pipeline;
using Telemetry.Upload;
using Telemetry.V1;

namespace Telemetry.Server.Grpc;

/// <summary>
/// <c>telemetry.v1.AdminService</c>: export and delete everything held for one installation, in the buffer and in
/// every sink. Every call must present the admin token as <c>authorization: Bearer &lt;token&gt;</c>.
/// </summary>
internal sealed class AdminGrpcService(DataRights dataRights, IngestKeyAuthenticator authenticator) : IGrpcService
{
    private const string AuthorizationHeader = "authorization";
    private const string BearerPrefix = "Bearer ";

    public void Bind(ServiceBinder binder)
    {
        binder.AddUnary(AdminServiceMethods.DeleteInstanceData, DeleteInstanceDataAsync);
        binder.AddServerStreaming(AdminServiceMethods.ExportInstanceData, ExportInstanceDataAsync);
    }

    private async Task<DeleteInstanceDataResponse> DeleteInstanceDataAsync(DeleteInstanceDataRequest request, ServerCallContext context)
    {
        Authorize(context);
        RequireInstanceKey(request.InstanceKey);
        var removed = await dataRights.DeleteInstanceAsync(request.InstanceKey, context.CancellationToken);
        return new DeleteInstanceDataResponse { Removed = { removed } };
    }

    private async Task ExportInstanceDataAsync(
        ExportInstanceDataRequest request,
        IServerStreamWriter<ExportInstanceDataResponse> responseStream,
        ServerCallContext context)
    {
        Authorize(context);
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

    private void Authorize(ServerCallContext context)
    {
        if (!authenticator.HasAdminToken)
        {
            throw new RpcException(new Status(
                StatusCode.PermissionDenied,
                "the admin methods are disabled: no admin token is configured (Authentication:AdminToken)"));
        }

        var header = context.RequestHeaders.GetValue(AuthorizationHeader);
        var token = header is not null && header.StartsWith(BearerPrefix, StringComparison.Ordinal) ? header[BearerPrefix.Length..] : null;
        if (!authenticator.IsAdmin(token))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authorization: a valid admin token is required as \"Bearer <token>\""));
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
