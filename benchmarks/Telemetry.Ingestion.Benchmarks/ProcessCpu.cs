using System.Globalization;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// CPU time a process has used (user + system, from <c>/proc/PID/stat</c>), so each phase can say where the CPU
/// went: on a shared 2-core machine the rate alone does not tell whether the collector, Redis or the load was the limit.
/// </summary>
internal static class ProcessCpu
{
    // The kernel's USER_HZ: /proc times are in hundredths of a second on Linux.
    private const double TicksPerSecond = 100;

    public static TimeSpan Used(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
