using System.Diagnostics;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Ingestion.Buffering;
using Telemetry.Ingestion.RateLimiting;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// The buffer's own ceiling: the collector's append path (<see cref="RedisReportBuffer"/>, whose one Lua script per
/// batch checks for duplicates and appends each report) driven straight from this process with the streaming phase's
/// concurrency, without gRPC, validation or privacy. The Redis CPU it spends per report is what every ingested
/// report costs Redis at the least.
/// </summary>
internal static class BufferCeiling
{
    /// <summary>Appends in flight at once, as the streaming phase keeps (8 streams of 128).</summary>
    private const int Concurrency = 1024;

    public static async Task<(double Rate, double RedisMicrosecondsPerReport)> MeasureAsync(
        IConnectionMultiplexer connection, RedisProcess redis, int reports, CancellationToken cancellationToken)
    {
        var buffer = new RedisReportBuffer(
            connection,
            BufferCheck.Keys,
            Options.Create(new BufferOptions()),
            Options.Create(new RedisOptions()),
            Options.Create(new RateLimitOptions { Enabled = false }),
            new RedisMemoryWatcher(connection, Options.Create(new BufferOptions()), TimeProvider.System, NullLogger<RedisMemoryWatcher>.Instance),
            NullLogger<RedisReportBuffer>.Instance);
        var payload = SampleReports.Next().ToByteArray();
        var reportIds = Enumerable.Range(0, reports).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var next = -1;
        var redisCpu = ProcessCpu.Used(redis.ProcessId);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < reports && !cancellationToken.IsCancellationRequested)
            {
                // As the collector runs in the benchmark: rate limits off, installations spread over the shards.
                var result = (await buffer.AppendAsync([new AppendRequest(payload, reportIds[i], "mimir", reportIds[i])]))[0];
                if (result.Status != AppendStatus.Accepted)
                {
                    throw new InvalidOperationException($"the buffer answered {result.Status} to a new report");
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var redisMicroseconds = (ProcessCpu.Used(redis.ProcessId) - redisCpu).TotalMicroseconds;
        return (reports / elapsed.TotalSeconds, redisMicroseconds / reports);
    }
}
