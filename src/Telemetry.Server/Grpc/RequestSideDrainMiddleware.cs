using Microsoft.AspNetCore.Connections;

namespace Telemetry.Server.Grpc;

/// <summary>
/// Ends a gRPC call whose handler has finished while the client still holds its request side open (a bad message on
/// a report stream, a message over the size limit) without leaving the HTTP/2 stream to count against the shared
/// connection.
/// </summary>
/// <remarks>
/// When a handler returns before the request's END_STREAM, Kestrel resets the stream (RST_STREAM NO_ERROR) and keeps
/// tracking it for its 5 s drain time, since the client, having been reset, sends nothing more. Kestrel tracks at most
/// twice <c>Kestrel:Limits:Http2:MaxStreamsPerConnection</c> streams per connection: past that it refuses new streams
/// with ENHANCE_YOUR_CALM, and after 100 refusals within 5 s it closes the connection, failing valid calls that share
/// it. So instead the response is completed first (the client has its status at once), then the request side is read
/// and discarded until the client ends or resets it — a gRPC client resets it as soon as it sees the response end —
/// for at most <see cref="DrainLimit"/>; only a client that does neither is left to Kestrel's reset and drain.
/// </remarks>
internal static class RequestSideDrainMiddleware
{
    /// <summary>How long a finished call waits for its client to end the request side; Kestrel's own drain time.</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    public static IApplicationBuilder UseRequestSideDrain(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var body = context.Request.BodyReader;
        if (!context.Request.Protocol.Equals("HTTP/2", StringComparison.Ordinal)
            || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true
            || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        try
        {
            if (body.TryRead(out var ready))
            {
                body.AdvanceTo(ready.Buffer.End);
                if (ready.IsCompleted)
                {
                    return;
                }
            }

            await context.Response.CompleteAsync();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            limit.CancelAfter(DrainLimit);
            while (true)
            {
                var read = await body.ReadAsync(limit.Token);
                body.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ConnectionResetException or InvalidOperationException)
        {
            // Reset by the client (the usual end), aborted, or past the limit: the stream is done either way.
        }
    });
}
