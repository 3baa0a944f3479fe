using System.Globalization;

namespace Telemetry.Upload.Benchmarks;

/// <summary>
/// The machine's CPU time from <c>/proc/stat</c>: everything that ran, including Redis's AOF rewrites (a forked child)
/// and the kernel's writeback, which no single process's counters show.
/// </summary>
internal readonly record struct MachineCpu(double BusySeconds, double IoWaitSeconds)
{
    // The kernel counts /proc/stat in USER_HZ ticks, 100 per second on Linux.
    private const double TicksPerSecond = 100;

    public static MachineCpu Read()
    {
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        return new MachineCpu(busy / TicksPerSecond, fields[4] / TicksPerSecond);
    }

    public static MachineCpu operator -(MachineCpu after, MachineCpu before) =>
        new(after.BusySeconds - before.BusySeconds, after.IoWaitSeconds - before.IoWaitSeconds);
}
