using System.Diagnostics;
using System.Runtime.InteropServices;
using Google.Protobuf.WellKnownTypes;
using Telemetry.V1;

namespace Telemetry.Reporter.Runtime;

/// <summary>
/// Samples the process's runtime statistics on a timer: memory, garbage collection, threads and CPU use, keeping
/// the highest CPU percentage seen since the last acknowledged report.
/// </summary>
/// <remarks>
/// Reports copy the latest sample rather than reading the runtime, so that building a report is cheap and a
/// preview shows the same values the next report carries.
/// </remarks>
internal sealed class RuntimeCollector : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly DateTimeOffset _processStart;
    private ITimer? _timer;
    private RuntimeSample _latest;
    private TimeSpan _lastCpuTime;
    private long _lastCpuTimestamp;
    private double _peakCpuPercent;
    private double _peakSinceCapture;

    public RuntimeCollector(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        using var process = Process.GetCurrentProcess();
        _processStart = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        _lastCpuTime = System.Environment.CpuUsage.TotalTime;
        _lastCpuTimestamp = _timeProvider.GetTimestamp();
        _latest = Read();
    }

    /// <summary>Operating system in the Go runtime's spelling, such as "linux".</summary>
    public static string OperatingSystemName { get; } =
        OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "darwin"
        : OperatingSystem.IsFreeBSD() ? "freebsd"
        : "other";

    /// <summary>Processor architecture in the Go runtime's spelling, such as "amd64".</summary>
    public static string ArchitectureName { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.X86 => "386",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>The most recent sample.</summary>
    public RuntimeSample Latest => Volatile.Read(ref _latest);

    /// <summary>Highest process CPU use sampled since the last acknowledged report, in percent of one CPU.</summary>
    public double PeakCpuPercent
    {
        get
        {
            lock (_lock)
            {
                return _peakCpuPercent;
            }
        }
    }

    /// <summary>Starts sampling every <paramref name="period"/>.</summary>
    public void Start(TimeSpan period) =>
        _timer ??= _timeProvider.CreateTimer(static state => ((RuntimeCollector)state!).Sample(), this, period, period);

    /// <summary>Takes a sample now.</summary>
    public void Sample()
    {
        var cpuTime = System.Environment.CpuUsage.TotalTime;
        var timestamp = _timeProvider.GetTimestamp();
        var sample = Read();
        lock (_lock)
        {
            var elapsed = _timeProvider.GetElapsedTime(_lastCpuTimestamp, timestamp);
            if (elapsed > TimeSpan.Zero)
            {
                var percent = Math.Max(0, (cpuTime - _lastCpuTime) / elapsed * 100);
                _peakCpuPercent = Math.Max(_peakCpuPercent, percent);
                _peakSinceCapture = Math.Max(_peakSinceCapture, percent);
            }

            _lastCpuTime = cpuTime;
            _lastCpuTimestamp = timestamp;
        }

        Volatile.Write(ref _latest, sample);
    }

    /// <summary>A report carrying the current peak was built; samples from now on start a new peak.</summary>
    public void OnCaptured()
    {
        lock (_lock)
        {
            _peakSinceCapture = 0;
        }
    }

    /// <summary>A report was acknowledged: the peak covers only the samples taken since it was built.</summary>
    public void OnAcknowledged()
    {
        lock (_lock)
        {
            _peakCpuPercent = _peakSinceCapture;
        }
    }

    /// <summary>Fills the report's environment from the latest sample.</summary>
    public Telemetry.V1.Environment BuildEnvironment(DateTimeOffset now)
    {
        var sample = Latest;
        var gc = new GarbageCollection
        {
            PauseTotal = Duration.FromTimeSpan(sample.PauseTotal),
            CpuFraction = sample.GcCpuFraction,
        };
        foreach (var collections in sample.CollectionsPerGeneration)
        {
            gc.CollectionsPerGeneration.Add((ulong)collections);
        }

        return new Telemetry.V1.Environment
        {
            Os = OperatingSystemName,
            Arch = ArchitectureName,
            LogicalCpus = (uint)System.Environment.ProcessorCount,
            Memory = new ProcessMemory
            {
                ResidentBytes = (ulong)sample.ResidentBytes,
                HeapBytes = (ulong)sample.HeapBytes,
                AllocatedBytesTotal = (ulong)sample.AllocatedBytesTotal,
                SystemBytes = (ulong)sample.SystemBytes,
            },
            Gc = gc,
            Threads = (uint)sample.Threads,
            PeakCpuPercent = PeakCpuPercent,
            Uptime = Duration.FromTimeSpan(now > _processStart ? now - _processStart : TimeSpan.Zero),
        };
    }

    public void Dispose() => _timer?.Dispose();

    private static RuntimeSample Read()
    {
        var info = GC.GetGCMemoryInfo();
        int threads;
        using (var process = Process.GetCurrentProcess())
        {
            threads = process.Threads.Count;
        }

        // The GC's memory info describes the last collection and is all zeros before the first one.
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        return new RuntimeSample(
            ResidentBytes: System.Environment.WorkingSet,
            HeapBytes: heap,
            AllocatedBytesTotal: GC.GetTotalAllocatedBytes(),
            SystemBytes: Math.Max(info.TotalCommittedBytes, heap),
            CollectionsPerGeneration: [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)],
            PauseTotal: GC.GetTotalPauseDuration(),
            // PauseTimePercentage is the share of time the process was paused by the GC since it started.
            GcCpuFraction: Math.Clamp(info.PauseTimePercentage / 100, 0, 1),
            Threads: threads);
    }
}
