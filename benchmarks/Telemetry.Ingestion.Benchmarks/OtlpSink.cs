using System.Net;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// Where the collector exports its traces and metrics during the benchmark (OTLP/HTTP on a free loopback port), so
/// its memory and CPU are measured with both on: answers every export with 200 and counts what it got.
/// </summary>
internal sealed class OtlpSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private long _requests;
    private long _bytes;

    public OtlpSink()
    {
        var port = FreePort.Next();
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>).</summary>
    public string Endpoint { get; }

    /// <summary>Export requests received so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Bytes of export requests received so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        var buffer = new byte[64 * 1024];
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            int read;
            while ((read = await context.Request.InputStream.ReadAsync(buffer)) > 0)
            {
                Interlocked.Add(ref _bytes, read);
            }

            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
