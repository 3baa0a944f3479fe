using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace Telemetry.Insights.Internal;

/// <summary>
/// Admits an insights call only when it presents <c>Insights:ReadToken</c> as <c>authorization: Bearer &lt;token&gt;</c>
/// (gRPC metadata, or the HTTP header of a transcoded JSON call). Without a configured token every call is refused
/// with PERMISSION_DENIED; a missing or wrong token is UNAUTHENTICATED. The admin token is not a read token.
/// </summary>
internal sealed class ReadTokenInterceptor(IOptions<InsightsOptions> options) : Interceptor
{
    private const string BearerPrefix = "Bearer ";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    /// <summary>Why a call with this <c>authorization</c> value is refused, or null when it may read insights.</summary>
    public static Status? Refuse(string? authorization, InsightsOptions options)
    {
        if (string.IsNullOrEmpty(options.ReadToken))
        {
            return new Status(StatusCode.PermissionDenied, "the insights API is off: no read token is configured (Insights:ReadToken)");
        }

        var presented = authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : string.Empty;
        // Constant-time comparison, so the answer time does not reveal how much of the token matched.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(options.ReadToken))
            ? null
            : new Status(StatusCode.Unauthenticated, "authorization: the insights read token is required as \"Bearer <Insights:ReadToken>\"");
    }

    private void Authorize(ServerCallContext context)
    {
        if (Refuse(context.RequestHeaders.GetValue("authorization"), options.Value) is { } refused)
        {
            throw new RpcException(refused);
        }
    }
}
