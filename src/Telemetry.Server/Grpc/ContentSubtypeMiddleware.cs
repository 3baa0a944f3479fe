using Grpc.Core;

namespace Telemetry.Server.Grpc;

/// <summary>
/// Refuses gRPC calls whose content subtype is not protobuf (<c>application/grpc+json</c> and the like) before they
/// reach a gRPC endpoint. grpc-dotnet takes any <c>application/grpc+…</c> request for protobuf, so without this a
/// JSON body would be parsed as protobuf and could be answered OK. The answer mirrors grpc-dotnet's own for a
/// content type that is not gRPC at all: HTTP 415 with a gRPC status and a message naming the content type.
/// </summary>
internal static class ContentSubtypeMiddleware
{
    private const string GrpcContentType = "application/grpc";

    public static IApplicationBuilder UseProtobufContentSubtypeOnly(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || IsProtobufOrNotGrpc(contentType))
        {
            return next(context);
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        response.ContentType = GrpcContentType;
        response.Headers["grpc-status"] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(
            $"Content-Type '{contentType}' is not supported: this collector reads protobuf, sent as application/grpc or application/grpc+proto.");
        return Task.CompletedTask;
    });

    /// <summary>
    /// True for <c>application/grpc</c> and <c>application/grpc+proto</c> (with or without parameters), and for
    /// anything that is not a gRPC content type, which grpc-dotnet answers itself.
    /// </summary>
    internal static bool IsProtobufOrNotGrpc(string contentType)
    {
        var mediaType = contentType.AsSpan();
        var parameters = mediaType.IndexOf(';');
        if (parameters >= 0)
        {
            mediaType = mediaType[..parameters];
        }

        mediaType = mediaType.Trim();
        if (!mediaType.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var rest = mediaType[GrpcContentType.Length..];
        return rest.Length == 0 || rest[0] != '+' || rest[1..].Equals("proto", StringComparison.OrdinalIgnoreCase);
    }
}
