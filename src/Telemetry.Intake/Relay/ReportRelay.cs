using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Telemetry.Intake.Relay;

/// <summary>
/// Sends a recorded native report on, unchanged, for products in <see cref="RelayMode.Forward"/>. The HTTP client
/// is the standard one from <see cref="IHttpClientFactory"/>: it uses the operator's proxy (<c>HTTPS_PROXY</c>,
/// <c>HTTP_PROXY</c>, <c>NO_PROXY</c>) and the system's trusted certificates.
/// </summary>
public sealed partial class ReportRelay
{
    /// <summary>Name of the HTTP client the relay uses, for an operator who configures it further in code.</summary>
    public const string HttpClientName = "Telemetry.Intake.Relay";

    private readonly IHttpClientFactory _clients;
    private readonly IntakeOptions _options;
    private readonly IntakeMetrics _metrics;
    private readonly ILogger<ReportRelay> _logger;

    public ReportRelay(IHttpClientFactory clients, IOptions<IntakeOptions> options, IntakeMetrics metrics, ILogger<ReportRelay> logger)
    {
        _clients = clients;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The relay mode of <paramref name="product"/>: <see cref="RelayMode.Record"/> unless configured.</summary>
    public RelayMode ModeOf(string product) =>
        _options.Relay.TryGetValue(product, out var relay) ? relay.Mode : RelayMode.Record;

    /// <summary>Counts a report that was blocked.</summary>
    public void Blocked(string product) => _metrics.Relayed(product, "blocked");

    /// <summary>
    /// Posts the original body and content type to the product's relay URL. A failure is logged and counted; the
    /// report stays recorded, and the vendor's reporter has been answered already by the collector's status.
    /// </summary>
    public async Task ForwardAsync(string product, byte[] body, string? contentType, string? userAgent, CancellationToken cancellationToken)
    {
        var url = _options.Relay.TryGetValue(product, out var relay) && relay.Url is { } configured ? configured : IntakeProducts.VendorUrl(product);
        using var content = new ByteArrayContent(body);
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            content.Headers.ContentType = type;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RelayTimeout);
        try
        {
            using var response = await _clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                _metrics.Relayed(product, "forwarded");
                return;
            }

            Log.ForwardFailed(_logger, product, url, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            Log.ForwardFailed(_logger, product, url, exception.Message);
        }

        _metrics.Relayed(product, "failed");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7002, EventName = "RelayForwardFailed", Level = LogLevel.Warning,
            Message = "A recorded {Product} report could not be forwarded to {Url}: {Reason}")]
        public static partial void ForwardFailed(ILogger logger, string product, Uri url, string reason);
    }
}
