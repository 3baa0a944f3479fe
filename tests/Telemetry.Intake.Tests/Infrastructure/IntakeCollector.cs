using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Intake.Tests.Infrastructure;

/// <summary>
/// A live collector for intake tests: real Redis, the uploader running inside it with the file sink, no rate
/// limit; reports are read back as stored through the admin export, the way an operator reads them.
/// </summary>
internal sealed class IntakeCollector : IAsyncDisposable
{
    private const string AdminToken = "intake-admin";

    private IntakeCollector(Collector collector) => Collector = collector;

    public Collector Collector { get; }

    public HttpClient Http => Collector.Intake;

    public static async Task<IntakeCollector> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Upload:RunInCollector"] = "true",
            ["Upload:BatchMaxAge"] = "00:00:00.100",
            ["RateLimiting:Enabled"] = "false",
            ["Authentication:AdminToken"] = AdminToken,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new IntakeCollector(await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), all, cancellationToken: cancellationToken));
    }

    public Task<HttpResponseMessage> PostAsync(string path, string body, CancellationToken cancellationToken, string contentType = "application/json") =>
        PostAsync(path, Encoding.UTF8.GetBytes(body), contentType, cancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path, byte[] body, string contentType, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
    }

    /// <summary>The reports of <paramref name="instanceKey"/> stored by the file sink, once there are <paramref name="count"/>.</summary>
    public async Task<List<UsageReport>> StoredAsync(string instanceKey, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = await ExportAsync(instanceKey, cancellationToken);
            if (stored.Count >= count)
            {
                return stored;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The reports of <paramref name="instanceKey"/> held anywhere: buffer or files.</summary>
    public async Task<List<UsageReport>> HeldAsync(string instanceKey, CancellationToken cancellationToken)
    {
        using var call = Collector.Admin.ExportInstanceData(new ExportInstanceDataRequest { InstanceKey = instanceKey }, Admin(cancellationToken));
        var all = new List<UsageReport>();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            all.Add(call.ResponseStream.Current.Report);
        }

        return all;
    }

    /// <summary>Everything in the buffer's streams, of any instance.</summary>
    public Task<List<UsageReport>> BufferedAsync() => Collector.BufferedReportsAsync(SharedRedis.Server);

    /// <summary>The value of one series of <c>/metrics</c>, or 0 when it is absent, read until it reaches <paramref name="atLeast"/>.</summary>
    public async Task<double> MetricAsync(string name, string labels, double atLeast, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        double value;
        do
        {
            var text = await Collector.Operations.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
            value = text.Split('\n')
                .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.Split(',').All(l.Contains))
                .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
                .Sum();
            if (value >= atLeast)
            {
                return value;
            }

            await Task.Delay(200, cancellationToken);
        }
        while (DateTime.UtcNow < deadline);
        return value;
    }

    public ValueTask DisposeAsync() => Collector.DisposeAsync();

    private async Task<List<UsageReport>> ExportAsync(string instanceKey, CancellationToken cancellationToken)
    {
        using var call = Collector.Admin.ExportInstanceData(new ExportInstanceDataRequest { InstanceKey = instanceKey }, Admin(cancellationToken));
        var stored = new List<UsageReport>();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            if (call.ResponseStream.Current.Location == "files")
            {
                stored.Add(call.ResponseStream.Current.Report);
            }
        }

        return stored;
    }

    private static CallOptions Admin(CancellationToken cancellationToken) =>
        new(new Metadata { { "authorization", "Bearer " + AdminToken } }, cancellationToken: cancellationToken);
}
