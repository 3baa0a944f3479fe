using System.Net;
using System.Net.Http.Headers;

namespace Telemetry.Grpc.Tests.Infrastructure;

/// <summary>Plain HTTP/2 requests with hand-made bodies and headers, for what the gRPC client would never send.</summary>
public sealed class RawHttp2 : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false });

    public static byte[] Frame(byte flag, uint length, ReadOnlySpan<byte> body)
    {
        var frame = new byte[5 + body.Length];
        frame[0] = flag;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), length);
        body.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static HttpRequestMessage CreateRequest(Uri address, string path, HttpContent content, string contentType = "application/grpc")
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    public async Task<RawResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RawResponse(response.StatusCode, Flatten(response.Headers), Flatten(response.TrailingHeaders), body);
    }

    public Task<HttpResponseMessage> SendHeadersOnlyAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public void Dispose() => _client.Dispose();

    private static Dictionary<string, string> Flatten(HttpHeaders headers) =>
        headers.NonValidated.ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);

    public sealed record RawResponse(
        HttpStatusCode StatusCode,
        Dictionary<string, string> Headers,
        Dictionary<string, string> Trailers,
        byte[] Body)
    {
        /// <summary>grpc-status from the trailers, or from the headers of a Trailers-Only response.</summary>
        public string? GrpcStatus => Trailers.GetValueOrDefault("grpc-status") ?? Headers.GetValueOrDefault("grpc-status");

        public string? GrpcMessage => Trailers.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message");
    }
}
