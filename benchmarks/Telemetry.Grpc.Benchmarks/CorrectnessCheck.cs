using System.Text.RegularExpressions;
using Grpc.Testing;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>
/// Proves the load targets answer correctly before they are measured: one <c>nghttp -v</c> call per server and
/// method must end with <c>grpc-status: 0</c>, and the project's client must get the 100-byte payload.
/// </summary>
internal static partial class CorrectnessCheck
{
    public static async Task<IReadOnlyList<string>> RunAsync(ServerProcess server, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var targets = new[]
        {
            (Name: "gRPC layer", Port: server.GrpcPort, Prefix: string.Empty),
            (Name: "bare Kestrel", Port: server.BarePort, Prefix: string.Empty),
            (Name: "bare + protobuf", Port: server.BarePort, Prefix: BenchmarkServers.ProtobufPrefix),
        };
        foreach (var (name, port, prefix) in targets)
        {
            foreach (var (method, body) in new[] { ("EmptyCall", options.EmptyRequestFile), ("UnaryCall", options.UnaryRequestFile) })
            {
                var (exitCode, output) = await ExternalTool.RunAsync(
                    "nghttp",
                    [
                        "-v", "-H", ":method: POST", "-H", "content-type: application/grpc", "-H", "te: trailers",
                        "-d", body, $"http://127.0.0.1:{port}{prefix}/grpc.testing.TestService/{method}",
                    ],
                    TimeSpan.FromSeconds(20),
                    cancellationToken);
                var status = GrpcStatusRegex().Match(output);
                var data = DataFrameRegex().Matches(output).Select(m => m.Groups[1].Value).ToList();
                if (exitCode != 0 || !status.Success || status.Groups[1].Value != "0")
                {
                    throw new InvalidOperationException($"nghttp {name} {method}: no grpc-status 0:{Environment.NewLine}{output}");
                }

                lines.Add($"nghttp {name,-15} {method,-9}: grpc-status: 0, response DATA frame length {string.Join('+', data)}");
            }
        }

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.GrpcPort}");
        var response = await channel.UnaryAsync(
            TestServiceMethods.UnaryCall,
            new SimpleRequest { ResponseSize = Payloads.UnaryBodySize, Payload = Payloads.UnaryResponse.Payload },
            new CallOptions { Deadline = DateTime.UtcNow.AddSeconds(10), CancellationToken = cancellationToken });
        if (response.Payload.Body.Length != Payloads.UnaryBodySize)
        {
            throw new InvalidOperationException($"UnaryCall returned {response.Payload.Body.Length} bytes.");
        }

        lines.Add($"GrpcChannel gRPC layer      UnaryCall: OK, payload {response.Payload.Body.Length} bytes");
        return lines;
    }

    [GeneratedRegex(@"grpc-status: (\d+)")]
    private static partial Regex GrpcStatusRegex();

    [GeneratedRegex(@"recv DATA frame <length=(\d+)")]
    private static partial Regex DataFrameRegex();
}
