using Microsoft.Extensions.Logging;

namespace Telemetry.Grpc.Internal;

/// <summary>Server log events. Never logs the peer's address.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1001, EventName = "HandlerException", Level = LogLevel.Error,
        Message = "Handler of {Method} threw an exception; the call ends with UNKNOWN")]
    public static partial void HandlerException(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 1002, EventName = "DeadlineExceeded", Level = LogLevel.Debug,
        Message = "Call to {Method} exceeded its deadline")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(EventId = 1003, EventName = "CallCancelled", Level = LogLevel.Debug,
        Message = "Call to {Method} was cancelled by the client or the connection was lost")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(EventId = 1004, EventName = "CallFailed", Level = LogLevel.Debug,
        Message = "Call to {Method} ended with {StatusCode}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode);

    [LoggerMessage(EventId = 1005, EventName = "UnsupportedContentType", Level = LogLevel.Debug,
        Message = "Request to {Method} has an unsupported content-type; answered 415")]
    public static partial void UnsupportedContentType(ILogger logger, string method);

    [LoggerMessage(EventId = 1006, EventName = "InvalidTimeout", Level = LogLevel.Debug,
        Message = "Request to {Method} has an invalid grpc-timeout header; it is ignored")]
    public static partial void InvalidTimeout(ILogger logger, string method);

    [LoggerMessage(EventId = 1007, EventName = "UnimplementedMethod", Level = LogLevel.Debug,
        Message = "Request for unimplemented method {Path}")]
    public static partial void UnimplementedMethod(ILogger logger, string path);

    [LoggerMessage(EventId = 1008, EventName = "HealthWatchEnded", Level = LogLevel.Debug,
        Message = "Health watch of service '{Service}' ended")]
    public static partial void HealthWatchEnded(ILogger logger, string service);
}
