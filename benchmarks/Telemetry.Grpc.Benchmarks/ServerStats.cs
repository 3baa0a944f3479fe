using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Telemetry.Grpc.Benchmarks;

/// <summary>Counters of the server process, read by the orchestrator through <c>GET /stats</c> on the bare server.</summary>
internal sealed class ServerStats
{
    private long _calls;
    private long _errors;

    public void CountCall() => Interlocked.Increment(ref _calls);

    public void CountError() => Interlocked.Increment(ref _errors);

    /// <summary>Messages read by the last streaming call after its first one.</summary>
    public long StreamMessages { get; set; }

    /// <summary>Bytes the whole process allocated while the last streaming call read <see cref="StreamMessages"/>.</summary>
    public long StreamAllocatedBytes { get; set; }

    /// <summary>Bytes allocated by parsing one streamed message on its own.</summary>
    public long MessageParseBytes { get; set; }

    /// <summary>Nanoseconds of message work (parse the request, serialize the response) in one 100-byte UnaryCall.</summary>
    public long UnaryMessageWorkNanoseconds { get; set; }

    public string Format()
    {
        var text = new StringBuilder();
        Append(text, "calls", Interlocked.Read(ref _calls));
        Append(text, "errors", Interlocked.Read(ref _errors));
        Append(text, "allocated", GC.GetTotalAllocatedBytes(precise: true));
        Append(text, "gen0", GC.CollectionCount(0));
        using (var process = Process.GetCurrentProcess())
        {
            // CPU time is steadier than throughput on a shared machine: other processes take wall time, not this.
            Append(text, "cpu_us", (long)process.TotalProcessorTime.TotalMicroseconds);
        }

        Append(text, "stream_messages", StreamMessages);
        Append(text, "stream_allocated", StreamAllocatedBytes);
        Append(text, "message_parse_bytes", MessageParseBytes);
        Append(text, "unary_message_work_ns", UnaryMessageWorkNanoseconds);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, long value) =>
        text.Append(name).Append('=').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
