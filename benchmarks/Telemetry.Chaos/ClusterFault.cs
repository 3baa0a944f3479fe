using System.Diagnostics;
using System.Globalization;
using Telemetry.Testing;

namespace Telemetry.Chaos;

/// <summary>
/// The collector on a Redis Cluster of three masters (no replicas, slots split evenly); the master holding shard 0
/// is killed with SIGKILL under load and started again on its data directory (its append-only file and nodes.conf),
/// as a node restarted by its orchestrator would be.
/// </summary>
internal sealed class ClusterFault(CollectorProcess collector, FaultRun run)
{
    private const int Masters = 3;
    private const int Slots = 16384;
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    public async Task<FaultResult> NodeRestartAsync()
    {
        var nodes = new List<RedisServer>();
        try
        {
            var busPorts = new List<int>();
            for (var i = 0; i < Masters; i++)
            {
                var busPort = FreePort.Next();
                busPorts.Add(busPort);
                // A node timeout shorter than the default 15 s: the restarted master rejoins within seconds.
                nodes.Add(await RedisServer.StartAsync(["--cluster-enabled", "yes", "--cluster-port", Text(busPort), "--cluster-node-timeout", "5000"]));
            }

            for (var i = 0; i < Masters; i++)
            {
                await CliAsync(nodes[i].Port, "CLUSTER", "ADDSLOTSRANGE", Text(i * Slots / Masters), Text(((i + 1) * Slots / Masters) - 1));
                if (i > 0)
                {
                    await CliAsync(nodes[0].Port, "CLUSTER", "MEET", "127.0.0.1", Text(nodes[i].Port), Text(busPorts[i]));
                }
            }

            await UntilClusterOkAsync(nodes);
            var slot = int.Parse(await CliAsync(nodes[0].Port, "CLUSTER", "KEYSLOT", "shard-0"), CultureInfo.InvariantCulture);
            var victim = nodes[slot * Masters / Slots];
            collector.Settings["Redis__Configuration"] =
                string.Join(',', nodes.Select(n => $"127.0.0.1:{n.Port}")) + ",abortConnect=false,connectRetry=1,connectTimeout=2000,syncTimeout=2000";
            await RestartCollectorAsync();
            return await run.RunAsync("redis cluster node -9", () => victim.StopAsync(), () => victim.StartAgainAsync());
        }
        finally
        {
            collector.Settings.Clear();
            await RestartCollectorAsync();
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task UntilClusterOkAsync(List<RedisServer> nodes)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var ok = true;
            foreach (var node in nodes)
            {
                ok &= (await CliAsync(node.Port, "CLUSTER", "INFO")).Contains("cluster_state:ok", StringComparison.Ordinal);
            }

            if (ok)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the three-master Redis Cluster did not reach cluster_state:ok within 30 s");
    }

    /// <summary>One redis-cli command (StackExchange.Redis refuses cluster administration without an admin connection).</summary>
    private static async Task<string> CliAsync(int port, params string[] command)
    {
        var result = await ChildProcess.RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", Text(port), .. command], TimeSpan.FromSeconds(10));
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : throw new InvalidOperationException($"redis-cli {string.Join(' ', command)}: {result}");
    }

    private async Task RestartCollectorAsync()
    {
        await collector.TerminateAsync(StopLimit);
        await collector.StartAsync(CancellationToken.None);
    }
}
