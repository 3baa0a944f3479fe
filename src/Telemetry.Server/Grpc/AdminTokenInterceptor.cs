using Grpc.Core;
using Grpc.Core.Interceptors;
using Telemetry.Ingestion.Pipeline;

namespace Telemetry.Server.Grpc;

/// <summary>
/// Admits a call only when it presents the admin token as <c>authorization: Bearer &lt;token&gt;</c>. Without a
/// configured token every call is refused with PERMISSION_DENIED; a missing or wrong token is UNAUTHENTICATED.
/// Registered for <see cref="AdminGrpcService"/> only.
/// </summary>
internal sealed class AdminTokenInterceptor(IngestKeyAuthenticator authenticator) : Interceptor
{
    private const string AuthorizationHeader = "authorization";
    private const string BearerPrefix = "Bearer ";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
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
}
