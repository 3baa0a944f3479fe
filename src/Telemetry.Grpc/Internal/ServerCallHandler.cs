using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Telemetry.Grpc.Internal;

/// <summary>
/// Runs one method's calls: protocol checks (426, 415), call context, interceptors, the typed handler, status.
/// </summary>
internal abstract class ServerCallHandler
{
    private readonly ServerCallContinuation? _pipeline;

    protected ServerCallHandler(IMethod method, ServerRuntime runtime)
    {
        Method = method;
        Runtime = runtime;
        if (runtime.Interceptors.Count == 0)
        {
            // Without interceptors the handler is invoked directly, through a pooled ValueTask.
            return;
        }

        ServerCallContinuation pipeline = context => InvokeAsync((HttpServerCallContext)context).AsTask();
        for (var i = runtime.Interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = runtime.Interceptors[i];
            var next = pipeline;
            pipeline = context => interceptor.InterceptAsync(context, next);
        }

        _pipeline = pipeline;
    }

    public IMethod Method { get; }

    protected ServerRuntime Runtime { get; }

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = HttpMethods.Post;
            return;
        }

        if (!string.Equals(request.Protocol, "HTTP/2", StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers[HeaderNames.Upgrade] = "HTTP/2";
            response.Headers[HeaderNames.Connection] = "Upgrade";
            return;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            ServerLog.UnsupportedContentType(Runtime.Logger, Method.FullName);
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.Headers[GrpcProtocol.StatusHeader] = "13";
            response.Headers[GrpcProtocol.MessageHeader] =
                PercentEncoding.Encode($"Content-Type '{request.ContentType}' is not supported.");
            return;
        }

        var call = new HttpServerCallContext(httpContext, Method, Runtime);
        if (!call.Initialize())
        {
            return;
        }

        if (!call.HasDeadline)
        {
            Exception? error = null;
            try
            {
                if (_pipeline is null)
                {
                    await InvokeAsync(call).ConfigureAwait(false);
                }
                else
                {
                    await _pipeline(call).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                error = ex;
            }

            await call.FinishAsync(error).ConfigureAwait(false);
            return;
        }

        await HandleCallWithDeadlineAsync(call).ConfigureAwait(false);
    }

    protected abstract ValueTask InvokeAsync(HttpServerCallContext call);

    private async Task HandleCallWithDeadlineAsync(HttpServerCallContext call)
    {
        var pipeline = RunPipelineAsync(call);
        if (!pipeline.IsCompleted)
        {
            // The deadline is answered when it passes, even if the handler has not returned yet.
            var deadline = call.WhenDeadlineAsync();
            if (await Task.WhenAny(pipeline, deadline).ConfigureAwait(false) != pipeline && call.DeadlineExceeded)
            {
                await call.CompleteForDeadlineAsync().ConfigureAwait(false);
            }
        }

        var error = await pipeline.ConfigureAwait(false);
        await call.FinishAsync(error).ConfigureAwait(false);
    }

    private async Task<Exception?> RunPipelineAsync(HttpServerCallContext call)
    {
        try
        {
            await (_pipeline is null ? InvokeAsync(call).AsTask() : _pipeline(call)).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
