namespace Telemetry.Reporter.Transport;

/// <summary>
/// Reports waiting to be delivered, oldest first, at most <see cref="Capacity"/>: adding to a full queue drops the
/// oldest report, so an unreachable collector costs bounded memory. Thread-safe.
/// </summary>
internal sealed class ReportQueue
{
    private readonly LinkedList<PendingReport> _reports = new();
    private readonly Lock _lock = new();

    public ReportQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Reports dropped because the queue was full, since it was created.</summary>
    public long DroppedTotal { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _reports.Count;
            }
        }
    }

    /// <summary>Adds a report; returns the report dropped to make room, if any.</summary>
    public PendingReport? Enqueue(PendingReport report)
    {
        lock (_lock)
        {
            PendingReport? dropped = null;
            if (_reports.Count == Capacity)
            {
                dropped = _reports.First!.Value;
                _reports.RemoveFirst();
                DroppedTotal++;
            }

            _reports.AddLast(report);
            return dropped;
        }
    }

    /// <summary>The report to deliver next: the one with the earliest next attempt.</summary>
    public PendingReport? PeekNext()
    {
        lock (_lock)
        {
            PendingReport? next = null;
            foreach (var report in _reports)
            {
                if (next is null || report.NextAttempt < next.NextAttempt)
                {
                    next = report;
                }
            }

            return next;
        }
    }

    public bool Remove(PendingReport report)
    {
        lock (_lock)
        {
            return _reports.Remove(report);
        }
    }

    /// <summary>Removes and returns the reports matching <paramref name="predicate"/>.</summary>
    public List<PendingReport> RemoveWhere(Func<PendingReport, bool> predicate)
    {
        lock (_lock)
        {
            var removed = _reports.Where(predicate).ToList();
            foreach (var report in removed)
            {
                _reports.Remove(report);
            }

            return removed;
        }
    }
}
