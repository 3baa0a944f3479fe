using System.Globalization;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>
/// The orchestrator: starts the server process, checks correctness, runs h2load against the gRPC layer and the
/// bare Kestrel ceiling, runs the one-way streams, and prints the table. Runs are interleaved (layer, ceiling,
/// layer, …) for <see cref="BenchmarkOptions.Rounds"/> rounds; the best rate and the lowest CPU time are reported.
/// </summary>
internal static class BenchmarkRunner
{
    private const double UnaryTargetRatio = 0.90;
    private const double StreamTargetRate = 300_000;
    private const string Layer = "gRPC layer";
    private const string Bare = "bare Kestrel";
    private const string ServerOnly = "HttpClient -> gRPC layer";
    private const string BareProtobuf = "bare + protobuf";
    private const string RawMode = "16 KiB writes";

    private static readonly (string Mode, WriteFlags Flags)[] StreamVariants =
    [
        ("flush per message", WriteFlags.None),
        ("BufferHint", WriteFlags.BufferHint),
    ];

    public static async Task<int> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        Log($"load average at start: {LoadAverage()}");
        await using var server = await ServerProcess.StartAsync(cancellationToken);
        Log($"server process: gRPC layer on 127.0.0.1:{server.GrpcPort}, bare Kestrel on 127.0.0.1:{server.BarePort}; " +
            $"{Environment.ProcessorCount} cores, Server GC {System.Runtime.GCSettings.IsServerGC}");

        foreach (var line in await CorrectnessCheck.RunAsync(server, options, cancellationToken))
        {
            Log(line);
        }

        var unary = await RunUnaryAsync(server, options, cancellationToken);
        var streams = await RunStreamsAsync(server, options, cancellationToken);
        var finalStats = await server.GetStatsAsync(cancellationToken);
        var parseBytes = finalStats["message_parse_bytes"];
        Log($"message work of one 100-byte UnaryCall (parse SimpleRequest, size and serialize SimpleResponse) takes " +
            $"{finalStats["unary_message_work_ns"]} ns of CPU in the server process (stopwatch over 200,000 iterations)");
        Log($"one parsed StreamingOutputCallRequest ({Payloads.StreamBodySize}-byte payload) allocates {parseBytes} B " +
            "(measured in the server process: GC.GetAllocatedBytesForCurrentThread over 10,000 parses)");

        Log($"load average at end: {LoadAverage()}");
        var report = new Report();
        foreach (var target in UnaryTargets(options))
        {
            var layer = unary[(target.Name, Layer)];
            var bare = unary[(target.Name, Bare)];
            report.AddRate($"unary {target.Name} (calls/s)", Best(layer), Best(bare), Paired(layer, bare, r => r.RequestsPerSecond),
                ">= 90% of bare Kestrel", Best(layer) >= UnaryTargetRatio * Best(bare));
        }

        foreach (var target in UnaryTargets(options))
        {
            var layer = unary[(target.Name, Layer)];
            var protobuf = unary[(target.Name, BareProtobuf)];
            report.AddRate($"unary {target.Name} vs bare + protobuf (calls/s)", Best(layer), Best(protobuf),
                Paired(layer, protobuf, r => r.RequestsPerSecond), "(information)", null);
        }

        foreach (var variant in StreamVariants)
        {
            var layer = streams[(variant.Mode, Layer)];
            var bare = streams[(variant.Mode, Bare)];
            report.AddRate($"bidi one way, {variant.Mode} (msg/s)", Best(layer), Best(bare), Paired(layer, bare, r => r.MessagesPerSecond),
                ">= 300,000 msg/s", Best(layer) >= StreamTargetRate);
        }

        var rawToLayer = streams[(RawMode, ServerOnly)];
        var rawToProtobuf = streams[(RawMode, BareProtobuf)];
        var rawToBare = streams[(RawMode, Bare)];
        report.AddRate("bidi one way, server only (msg/s)", Best(rawToLayer), Best(rawToProtobuf),
            Paired(rawToLayer, rawToProtobuf, r => r.MessagesPerSecond), "(information)", null);
        report.AddRate("bidi one way, server only vs transport alone (msg/s)", Best(rawToLayer), Best(rawToBare),
            Paired(rawToLayer, rawToBare, r => r.MessagesPerSecond), "(information)", null);

        foreach (var variant in StreamVariants)
        {
            var framing = streams[(variant.Mode, Layer)].Select(r => r.AllocatedBytesPerMessage).Median() - parseBytes;
            report.AddBytes($"server alloc/msg beyond the message, {variant.Mode}", framing,
                streams[(variant.Mode, Bare)].Select(r => r.AllocatedBytesPerMessage).Median() - parseBytes, "0 B", framing < 1);
        }

        foreach (var variant in StreamVariants)
        {
            report.AddBytes($"client alloc/msg, {variant.Mode}", streams[(variant.Mode, Layer)].Select(r => r.ClientAllocatedBytesPerMessage).Median(),
                streams[(variant.Mode, Bare)].Select(r => r.ClientAllocatedBytesPerMessage).Median(), "(information)", null);
        }

        foreach (var variant in StreamVariants)
        {
            report.AddCost($"client CPU/msg, {variant.Mode} (us)",
                streams[(variant.Mode, Layer)].Min(r => r.ClientCpuNanosecondsPerMessage) / 1000,
                streams[(variant.Mode, Bare)].Min(r => r.ClientCpuNanosecondsPerMessage) / 1000, "(information)");
        }

        foreach (var target in UnaryTargets(options))
        {
            report.AddBytes($"server alloc/call, {target.Name}", unary[(target.Name, Layer)].Select(r => r.AllocatedBytesPerCall).Median(),
                unary[(target.Name, Bare)].Select(r => r.AllocatedBytesPerCall).Median(), "(information)", null);
        }

        foreach (var target in UnaryTargets(options))
        {
            var layer = unary[(target.Name, Layer)].Min(r => r.CpuMicrosecondsPerCall);
            var bare = unary[(target.Name, Bare)].Min(r => r.CpuMicrosecondsPerCall);
            report.AddCost($"server CPU/call, {target.Name} (us)", layer, bare, "(information)");
            var protobuf = unary[(target.Name, BareProtobuf)].Min(r => r.CpuMicrosecondsPerCall);
            report.AddCost($"server CPU/call, {target.Name} vs bare + protobuf (us)", layer, protobuf, "(information)");
        }

        report.AddCost("server CPU/msg, server only (us)", rawToLayer.Min(r => r.CpuNanosecondsPerMessage) / 1000,
            rawToProtobuf.Min(r => r.CpuNanosecondsPerMessage) / 1000, "(information)");

        Console.WriteLine();
        Console.Write(report.Format());
        Console.WriteLine();
        Console.WriteLine(
            $"rates: best of {options.Rounds} interleaved rounds (paired: median of the per-round ratios); h2load -n {options.Requests} -c {options.Connections} " +
            $"-m {options.Streams} -t 1; streams of up to {options.StreamMessages:N0} messages or {options.StreamDuration.TotalSeconds:N0} s.");
        Console.WriteLine(
            "ceiling: unary = bare Kestrel terminal handler answering the same pre-built frame + grpc-status 0 " +
            "(bare + protobuf: the same handler also parsing the request and serializing the response); " +
            "bidi = HttpClient writing the same frames, packed into 16 KiB writes, to a bare Kestrel handler that finds and " +
            "parses each message (server only: the same writes into the gRPC layer's FullDuplexCall; transport alone: a " +
            "handler that only drains the bytes).");
        Console.WriteLine(
            "alloc/msg = (GC.GetTotalAllocatedBytes(precise) of the server process after the last message - after the first) / " +
            $"(messages - 1), minus the {parseBytes} B a parse of the message allocates; the ceiling column is the same for the " +
            "bare + protobuf handler (Kestrel and the parse alone). alloc/call = server process allocation delta over an h2load run / calls.");
        Console.WriteLine(
            "Allocations are the median of the rounds (GC.GetTotalAllocatedBytes can step back under Server GC, so a single " +
            "round may be off). CPU = server process TotalProcessorTime delta / calls or messages (lowest of the rounds); " +
            "its ratio is ceiling / layer, " +
            "the share of the ceiling the layer would reach with the CPU to itself.");
        return 0;
    }

    private static (string Name, string Path, string Body)[] UnaryTargets(BenchmarkOptions options) =>
    [
        ("EmptyCall", "/grpc.testing.TestService/EmptyCall", options.EmptyRequestFile),
        ("UnaryCall 100 B", "/grpc.testing.TestService/UnaryCall", options.UnaryRequestFile),
    ];

    private static async Task<Dictionary<(string, string), List<UnaryRun>>> RunUnaryAsync(
        ServerProcess server,
        BenchmarkOptions options,
        CancellationToken cancellationToken)
    {
        var ports = new[]
        {
            (Name: Layer, Port: server.GrpcPort, Prefix: string.Empty),
            (Name: Bare, Port: server.BarePort, Prefix: string.Empty),
            (Name: BareProtobuf, Port: server.BarePort, Prefix: BenchmarkServers.ProtobufPrefix),
        };
        var warmUp = Math.Max(1, options.Requests / 4);
        foreach (var target in UnaryTargets(options))
        {
            foreach (var port in ports)
            {
                await H2Load.RunAsync(server, port.Port, port.Prefix + target.Path, target.Body, options, warmUp, cancellationToken);
            }
        }

        var runs = new Dictionary<(string, string), List<UnaryRun>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var target in UnaryTargets(options))
            {
                foreach (var port in ports)
                {
                    var run = await H2Load.RunAsync(server, port.Port, port.Prefix + target.Path, target.Body, options, options.Requests, cancellationToken);
                    Log($"round {round}: h2load {target.Name,-15} {port.Name,-15} {run.RequestsPerSecond,10:N0} req/s " +
                        $"{run.AllocatedBytesPerCall,6:N0} B/call {run.CpuMicrosecondsPerCall,6:N2} us CPU/call (server process)");
                    Add(runs, (target.Name, port.Name), run);
                }
            }
        }

        return runs;
    }

    private static async Task<Dictionary<(string, string), List<StreamRun>>> RunStreamsAsync(
        ServerProcess server,
        BenchmarkOptions options,
        CancellationToken cancellationToken)
    {
        // A short stream on every path first, so each is jitted before it is measured.
        foreach (var variant in StreamVariants)
        {
            await StreamBenchmark.RunLayerAsync(server, WarmUp(options), variant.Flags, cancellationToken);
        }

        await StreamBenchmark.RunBareAsync(server, WarmUp(options), cancellationToken);
        await StreamBenchmark.RunBareProtobufAsync(server, WarmUp(options), cancellationToken);
        await StreamBenchmark.RunRawToLayerAsync(server, WarmUp(options), cancellationToken);

        var runs = new Dictionary<(string, string), List<StreamRun>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var variant in StreamVariants)
            {
                var layer = await StreamBenchmark.RunLayerAsync(server, options, variant.Flags, cancellationToken);
                LogStream(round, variant.Mode, "GrpcChannel -> gRPC layer", layer);
                Add(runs, (variant.Mode, Layer), layer);
            }

            var bare = await StreamBenchmark.RunBareAsync(server, options, cancellationToken);
            LogStream(round, RawMode, "HttpClient -> bare Kestrel", bare);
            Add(runs, (RawMode, Bare), bare);
            var protobuf = await StreamBenchmark.RunBareProtobufAsync(server, options, cancellationToken);
            LogStream(round, RawMode, "HttpClient -> bare + protobuf", protobuf);
            Add(runs, (RawMode, BareProtobuf), protobuf);
            var serverOnly = await StreamBenchmark.RunRawToLayerAsync(server, options, cancellationToken);
            LogStream(round, RawMode, ServerOnly, serverOnly);
            Add(runs, (RawMode, ServerOnly), serverOnly);
        }

        // Every client mode is compared with the same ceiling: the transport plus the message work.
        foreach (var variant in StreamVariants)
        {
            runs[(variant.Mode, Bare)] = runs[(RawMode, BareProtobuf)];
        }

        return runs;
    }

    private static void LogStream(int round, string mode, string path, StreamRun run) =>
        Log($"round {round}: stream {mode,-17} {path,-26} {run.Messages,9:N0} msgs {run.MessagesPerSecond,10:N0} msg/s " +
            $"{run.AllocatedBytesPerMessage,6:N1} B/msg {run.CpuNanosecondsPerMessage / 1000,6:N2} us CPU/msg (server process), " +
            $"{run.ClientAllocatedBytesPerMessage,6:N1} B/msg {run.ClientCpuNanosecondsPerMessage / 1000,6:N2} us CPU/msg (client process)");

    private static void Add<T>(Dictionary<(string, string), List<T>> runs, (string, string) key, T run)
    {
        if (!runs.TryGetValue(key, out var list))
        {
            runs[key] = list = [];
        }

        list.Add(run);
    }

    /// <summary>The median of the rounds' values.</summary>
    private static double Median(this IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The median over rounds of value / ceiling, each pair measured one after the other in one round.</summary>
    private static double Paired<T>(List<T> values, List<T> ceilings, Func<T, double> rate)
    {
        return values.Zip(ceilings, (value, ceiling) => rate(value) / rate(ceiling)).Median();
    }

    private static double Best(List<UnaryRun> runs) => runs.Max(r => r.RequestsPerSecond);

    private static double Best(List<StreamRun> runs) => runs.Max(r => r.MessagesPerSecond);

    private static BenchmarkOptions WarmUp(BenchmarkOptions options) =>
        BenchmarkOptions.Parse([
            "--empty-request", options.EmptyRequestFile,
            "--unary-request", options.UnaryRequestFile,
            "--stream-messages", Math.Min(options.StreamMessages, 100_000).ToString(CultureInfo.InvariantCulture),
            "--stream-seconds", "5",
        ]);

    /// <summary>The 1, 5 and 15 minute load averages: on a shared machine they say how far to trust the rates.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Log(string line) => Console.WriteLine($"# {line}");
}
