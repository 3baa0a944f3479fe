using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Telemetry.V1;

namespace Telemetry.Chaos;

/// <summary>
/// Sends generated hostile inputs to IngestReports over HTTP/2 and checks each answer: a status the input may get,
/// and for an OK answer one result per report, none of them an accepted report that breaks the contract. The
/// collector must stay up, and its RSS must come back within 20% of the level before the run.
/// </summary>
internal sealed class FuzzRun(CollectorProcess collector, int inputs, int seed)
{
    private const string Path = "/telemetry.v1.IngestService/IngestReports";
    private const int Concurrency = 8;
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);

    // What every generation held after the last collection: live objects and fragmentation, not the free space the
    // GC keeps committed, so it tells retained objects from memory the GC has not returned.
    private const string HeapMetric = "dotnet_gc_last_collection_heap_size_bytes";

    // Parsed as the collector parses requests: unknown fields (a mutation's usual product) are dropped.
    private static readonly MessageParser<IngestReportsRequest> Requests = IngestReportsRequest.Parser.WithDiscardUnknownFields(true);

    public async Task<bool> RunAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var generator = new FuzzInputs(seed);
        var generated = new ConcurrentQueue<FuzzInput>(Enumerable.Range(0, 1000).Select(_ => generator.Next()));
        await WarmUpAsync(http, generated);
        var before = collector.ReadRss();
        var gcBefore = await collector.ReadGcCommittedAsync();
        var heapBefore = await collector.ReadMetricAsync(HeapMetric);
        var outcomes = new ConcurrentDictionary<(string Kind, string Status), int>();
        var failures = new ConcurrentQueue<string>();
        var peak = before;
        var sent = 0;
        var lockObject = new object();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref sent) <= inputs && !collector.HasExited)
            {
                FuzzInput input;
                lock (lockObject)
                {
                    input = generator.Next();
                }

                var (status, problem) = await SendAsync(http, input);
                outcomes.AddOrUpdate((input.Kind, status), 1, (_, n) => n + 1);
                if (problem is not null && failures.Count < 20)
                {
                    failures.Enqueue($"{input.Kind} ({input.ContentType}, {input.Body.Length} bytes): {problem}");
                }

                if (sent % 5000 == 0)
                {
                    peak = Math.Max(peak, collector.ReadRss());
                }
            }
        })));
        var elapsed = watch.Elapsed;
        var alive = !collector.HasExited;
        var (after, settled) = alive ? await SettleAsync(before) : (0, TimeSpan.Zero);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz: {inputs} inputs in {elapsed.TotalSeconds:F0} s (seed {seed})"));
        Console.WriteLine("| input | answer | count |");
        Console.WriteLine("|---|---|---|");
        foreach (var ((kind, status), count) in outcomes.OrderBy(o => o.Key.Kind).ThenBy(o => o.Key.Status))
        {
            Console.WriteLine($"| {kind} | {Describe(status)} | {count} |");
        }

        var failed = outcomes.Where(o => o.Key.Status.StartsWith('!')).Sum(o => o.Value);
        var rssOk = alive && after <= before * 1.2;
        var gcAfter = alive ? await collector.ReadGcCommittedAsync() : null;
        var heapAfter = alive ? await collector.ReadMetricAsync(HeapMetric) : null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fuzz: wrong answers {failed}; collector {(alive ? "up" : "DOWN")}; RSS before {Mib(before)} MiB, peak {Mib(peak)} MiB, after {Mib(after)} MiB ({settled.TotalSeconds:F0} s after the run; limit {Mib((long)(before * 1.2))} MiB); GC committed {Mib(gcBefore ?? 0)} -> {Mib(gcAfter ?? 0)} MiB, GC heap {Mib((long)(heapBefore ?? 0))} -> {Mib((long)(heapAfter ?? 0))} MiB"));
        foreach (var failure in failures)
        {
            Console.WriteLine("fuzz: wrong answer: " + failure);
        }

        return failed == 0 && alive && rssOk;
    }

    private static string Describe(string status) => status switch
    {
        "415" => "HTTP 415",
        _ when status.StartsWith('!') => "WRONG " + status[1..],
        _ => "grpc-status " + status,
    };

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>Valid traffic and a first pass of inputs before the baseline, so JIT and pools are warm.</summary>
    private async Task WarmUpAsync(HttpClient http, ConcurrentQueue<FuzzInput> inputs)
    {
        while (inputs.TryDequeue(out var input))
        {
            await SendAsync(http, input);
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
    }

    /// <summary>Waits for RSS to come back within 20% of <paramref name="before"/>, as the GC returns memory.</summary>
    private async Task<(long Rss, TimeSpan After)> SettleAsync(long before)
    {
        var watch = Stopwatch.StartNew();
        var rss = collector.ReadRss();
        while (rss > before * 1.2 && watch.Elapsed < SettleLimit)
        {
            await Task.Delay(1000);
            rss = collector.ReadRss();
        }

        return (rss, watch.Elapsed);
    }

    private async Task<(string Status, string? Problem)> SendAsync(HttpClient http, FuzzInput input)
    {
        var content = new ByteArrayContent(input.Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(input.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(collector.GrpcAddress, Path))
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = response.StatusCode == HttpStatusCode.UnsupportedMediaType ? "415" : Header(response, "grpc-status") ?? "none";
            if (!input.Allowed.Contains(status))
            {
                return ("!" + status, $"answered {status} (HTTP {(int)response.StatusCode}): {Uri.UnescapeDataString(Header(response, "grpc-message") ?? string.Empty)}");
            }

            return status == "0" ? CheckResults(input, body) : (status, null);
        }
        catch (HttpRequestException exception)
        {
            return ("!reset", exception.Message);
        }
    }

    /// <summary>An OK answer has one result per report, and accepts no report that breaks the contract.</summary>
    private static (string Status, string? Problem) CheckResults(FuzzInput input, byte[] body)
    {
        IngestReportsRequest sent;
        try
        {
            sent = Requests.ParseFrom(input.Body.AsSpan(5));
        }
        catch (InvalidProtocolBufferException exception)
        {
            return ("!0", $"answered OK for bytes that are not a request: {exception.Message}");
        }

        var response = IngestReportsResponse.Parser.ParseFrom(body.AsSpan(5, BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(1))));
        if (response.Results.Count != sent.Reports.Count)
        {
            return ("!0", $"{response.Results.Count} results for {sent.Reports.Count} reports");
        }

        for (var i = 0; i < sent.Reports.Count; i++)
        {
            if (response.Results[i].Outcome == ReportOutcome.Accepted && ContractOracle.Violation(sent.Reports[i]) is { } violation)
            {
                return ("!0", $"accepted a report whose {violation}");
            }
        }

        return ("0", null);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.First()
        : response.Headers.TryGetValues(name, out var header) ? header.First()
        : null;
}
