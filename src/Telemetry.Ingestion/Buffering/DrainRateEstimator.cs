namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// Measures how fast one shard drains (entries and bytes deleted per second) from counters sampled over time, on
/// Redis's clock. Thread-safe; recording is a cheap no-op between sampling intervals.
/// </summary>
internal sealed class DrainRateEstimator
{
    private const int Capacity = 64;

    private readonly Sample[] _samples = new Sample[Capacity];
    private readonly long _windowMs;
    private readonly long _spacingMs;
    private readonly Lock _lock = new();
    private int _count;
    private int _next;
    private long _lastMs;

    public DrainRateEstimator(TimeSpan window)
    {
        _windowMs = (long)window.TotalMilliseconds;
        _spacingMs = Math.Max(250, _windowMs / (Capacity - 4));
    }

    /// <summary>Records the shard's deletion counters as read at <paramref name="serverMs"/>.</summary>
    public void Record(long serverMs, long deletedEntries, long deletedBytes)
    {
        if (serverMs - Volatile.Read(ref _lastMs) < _spacingMs)
        {
            return;
        }

        lock (_lock)
        {
            if (serverMs - _lastMs < _spacingMs)
            {
                return;
            }

            if (_count > 0)
            {
                var last = _samples[(_next + Capacity - 1) % Capacity];
                if (deletedEntries < last.DeletedEntries || deletedBytes < last.DeletedBytes || serverMs < last.ServerMs)
                {
                    // Counters went backwards (Redis lost its data, or the clock jumped): start over.
                    _count = 0;
                }
            }

            _samples[_next] = new Sample(serverMs, deletedEntries, deletedBytes);
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
            Volatile.Write(ref _lastMs, serverMs);
        }
    }

    /// <summary>
    /// The drain rate over the window: entries and bytes deleted per second; null until samples span at least a second.
    /// </summary>
    public (double EntriesPerSecond, double BytesPerSecond)? Rate()
    {
        lock (_lock)
        {
            if (_count < 2)
            {
                return null;
            }

            var newest = _samples[(_next + Capacity - 1) % Capacity];
            var oldest = newest;
            for (var i = 2; i <= _count; i++)
            {
                var sample = _samples[(_next + Capacity - i) % Capacity];
                if (newest.ServerMs - sample.ServerMs > _windowMs)
                {
                    break;
                }

                oldest = sample;
            }

            var seconds = (newest.ServerMs - oldest.ServerMs) / 1000.0;
            if (seconds < 1)
            {
                return null;
            }

            return ((newest.DeletedEntries - oldest.DeletedEntries) / seconds, (newest.DeletedBytes - oldest.DeletedBytes) / seconds);
        }
    }

    private readonly record struct Sample(long ServerMs, long DeletedEntries, long DeletedBytes);
}
