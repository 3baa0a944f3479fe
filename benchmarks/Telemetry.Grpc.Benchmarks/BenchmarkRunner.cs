using System.Globalization;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>
/// The orchestrator: starts the server process, checks correctness, runs h2load against the gRPC layer and the
/// bare Kestrel ceiling, runs the one-way streams, and prints the table.
/// </summary>
internal static class BenchmarkRunner
{
    private const double UnaryTargetRatio = 0.90;
    private const double StreamTargetRate = 300_000;
    private const string EmptyCallPath = "/grpc.testing.TestService/EmptyCall";
    private const string UnaryCallPath = "/grpc.testing.TestService/UnaryCall";

    public static async Task<int> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken);
        Log($"server process: gRPC layer on 127.0.0.1:{server.GrpcPort}, bare Kestrel on 127.0.0.1:{server.BarePort}; " +
            $"{Environment.ProcessorCount} cores, Server GC {System.Runtime.GCSettings.IsServerGC}");

        foreach (var line in await CorrectnessCheck.RunAsync(server, options, cancellationToken))
        {
            Log(line);
        }

        var targets = new[]
        {
            (Name: "EmptyCall", Path: EmptyCallPath, Body: options.EmptyRequestFile),
            (Name: "UnaryCall 100 B", Path: UnaryCallPath, Body: options.UnaryRequestFile),
        };
        var ports = new[] { (Name: "gRPC layer", Port: server.GrpcPort), (Name: "bare Kestrel", Port: server.BarePort) };

        var warmUp = Math.Max(1, options.Requests / 4);
        foreach (var target in targets)
        {
            foreach (var port in ports)
            {
                await H2Load.RunAsync(server, port.Port, target.Path, target.Body, options, warmUp, cancellationToken);
            }
        }

        var best = new Dictionary<(string, string), UnaryRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var target in targets)
            {
                foreach (var port in ports)
                {
                    var run = await H2Load.RunAsync(server, port.Port, target.Path, target.Body, options, options.Requests, cancellationToken);
                    Log($"round {round}: h2load -n {options.Requests} -c {options.Connections} -m {options.Streams} -t 1 " +
                        $"{target.Name,-15} {port.Name,-12} {run.RequestsPerSecond,12:N0} req/s  {run.AllocatedBytesPerCall,8:N0} B/call allocated by the server");
                    if (!best.TryGetValue((target.Name, port.Name), out var previous) || run.RequestsPerSecond > previous.RequestsPerSecond)
                    {
                        best[(target.Name, port.Name)] = run;
                    }
                }
            }
        }

        var streams = new List<(string Mode, StreamRun Layer, StreamRun Bare)>();
        foreach (var (mode, flags) in new[] { ("flush per message", WriteFlags.None), ("BufferHint", WriteFlags.BufferHint) })
        {
            // A short warm-up stream first, so both paths are jitted before the measured one.
            await StreamBenchmark.RunLayerAsync(server, WarmUp(options), flags, cancellationToken);
            await StreamBenchmark.RunBareAsync(server, WarmUp(options), flags == WriteFlags.None, cancellationToken);
            var layer = await StreamBenchmark.RunLayerAsync(server, options, flags, cancellationToken);
            var bare = await StreamBenchmark.RunBareAsync(server, options, flags == WriteFlags.None, cancellationToken);
            Log($"stream {mode,-17}: GrpcChannel -> gRPC layer {layer.Messages:N0} messages, {layer.MessagesPerSecond:N0} msg/s, " +
                $"{layer.AllocatedBytesPerMessage:N1} B/msg; HttpClient -> bare Kestrel {bare.Messages:N0} frames, " +
                $"{bare.MessagesPerSecond:N0} msg/s, {bare.AllocatedBytesPerMessage:N1} B/msg");
            streams.Add((mode, layer, bare));
        }

        var parseBytes = (await server.GetStatsAsync(cancellationToken))["message_parse_bytes"];
        Log($"one parsed StreamingOutputCallRequest ({Payloads.StreamBodySize}-byte payload) allocates {parseBytes} B " +
            "(measured in the server process: GC.GetAllocatedBytesForCurrentThread over 10,000 parses)");

        var report = new Report();
        foreach (var target in targets)
        {
            var layer = best[(target.Name, "gRPC layer")];
            var bare = best[(target.Name, "bare Kestrel")];
            report.AddRate($"unary {target.Name} (calls/s, best of {options.Rounds})", layer.RequestsPerSecond, bare.RequestsPerSecond,
                ">= 90% of bare Kestrel", layer.RequestsPerSecond >= UnaryTargetRatio * bare.RequestsPerSecond);
        }

        foreach (var (mode, layer, bare) in streams)
        {
            report.AddRate($"bidi one way, {mode} (msg/s)", layer.MessagesPerSecond, bare.MessagesPerSecond,
                ">= 300,000 msg/s", layer.MessagesPerSecond >= StreamTargetRate);
        }

        foreach (var (mode, layer, bare) in streams)
        {
            var framing = layer.AllocatedBytesPerMessage - parseBytes;
            report.AddBytes($"server alloc/msg beyond the message, {mode}", framing, bare.AllocatedBytesPerMessage,
                "0 B", framing < 1);
        }

        foreach (var target in targets)
        {
            report.AddBytes($"server alloc/call, {target.Name}", best[(target.Name, "gRPC layer")].AllocatedBytesPerCall,
                best[(target.Name, "bare Kestrel")].AllocatedBytesPerCall, "(information)", null);
        }

        Console.WriteLine();
        Console.Write(report.Format());
        Console.WriteLine();
        Console.WriteLine(
            "ceiling: unary = bare Kestrel terminal handler answering the same pre-built frame + grpc-status 0; " +
            "bidi = HttpClient writing the same frames with the same flush policy to a bare Kestrel handler that drains them.");
        Console.WriteLine(
            "alloc/msg = (GC.GetTotalAllocatedBytes(precise) of the server process after the last message - after the first) / " +
            $"(messages - 1), minus the {parseBytes} B a parse of the message allocates; the ceiling column is the bare handler's " +
            "bytes per frame (Kestrel alone). alloc/call = server process allocation delta over an h2load run / calls.");
        return 0;
    }

    private static BenchmarkOptions WarmUp(BenchmarkOptions options) =>
        BenchmarkOptions.Parse([
            "--empty-request", options.EmptyRequestFile,
            "--unary-request", options.UnaryRequestFile,
            "--stream-messages", Math.Min(options.StreamMessages, 100_000).ToString(CultureInfo.InvariantCulture),
            "--stream-seconds", "5",
        ]);

    private static void Log(string line) => Console.WriteLine($"# {line}");
}
