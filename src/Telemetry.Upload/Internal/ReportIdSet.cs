namespace Telemetry.Upload.Internal;

/// <summary>
/// The most recent report_ids stored in a file partition, for the idempotency check, at most a fixed number of them:
/// they are kept in <see cref="Generations"/> sets filled in turn, and when the newest is full the oldest is
/// dropped whole, so memory stays bounded at any rate while the recent ids (those a redelivery or a client's retry
/// brings back) are all remembered.
/// </summary>
/// <remarks>
/// The ingestion side's canonical form (a lower-case hyphenated UUID) is kept as a 16-byte value rather than a
/// string: no object per id, so far less memory and nothing for the garbage collector to trace and promote. Any other
/// id is kept as its string. The two never collide: only the canonical text of a UUID maps to it, so the set matches
/// ids exactly as an ordinal string set would.
/// </remarks>
internal sealed class ReportIdSet
{
    /// <summary>Full sets kept beside the one being filled; the oldest eighth of the ids is forgotten at a time.</summary>
    public const int Generations = 8;

    private readonly Queue<Generation> _generations = new();
    private readonly int _generationCapacity;
    private Generation _newest = new();

    /// <param name="capacity">How many ids are remembered at least; at most an eighth more are.</param>
    public ReportIdSet(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, Generations);
        _generationCapacity = capacity / Generations;
    }

    public bool Contains(string reportId)
    {
        var isUuid = TryParseCanonical(reportId, out var uuid);
        if (_newest.Contains(reportId, isUuid, uuid))
        {
            return true;
        }

        foreach (var generation in _generations)
        {
            if (generation.Contains(reportId, isUuid, uuid))
            {
                return true;
            }
        }

        return false;
    }

    public void Add(string reportId)
    {
        if (_newest.Count >= _generationCapacity)
        {
            // A full set is cut to its size once, so the sets that are reused hold no more than they need.
            _newest.TrimExcess();
            _generations.Enqueue(_newest);
            if (_generations.Count > Generations)
            {
                _newest = _generations.Dequeue();
                _newest.Clear();
            }
            else
            {
                _newest = new Generation();
            }
        }

        _newest.Add(reportId);
    }

    // "D" alone also accepts upper-case digits, whose text differs from the canonical one: those stay strings.
    private static bool TryParseCanonical(string reportId, out Guid uuid)
    {
        uuid = default;
        return reportId.Length == 36 && !reportId.AsSpan().ContainsAnyInRange('A', 'Z') && Guid.TryParseExact(reportId, "D", out uuid);
    }

    private sealed class Generation
    {
        private readonly HashSet<Guid> _uuids = [];
        private readonly HashSet<string> _others = new(StringComparer.Ordinal);

        public int Count => _uuids.Count + _others.Count;

        public bool Contains(string reportId, bool isUuid, Guid uuid) => isUuid ? _uuids.Contains(uuid) : _others.Contains(reportId);

        public void TrimExcess()
        {
            _uuids.TrimExcess();
            _others.TrimExcess();
        }

        /// <summary>Forgets every id but keeps the sets' capacity, for the next generation of the same size.</summary>
        public void Clear()
        {
            _uuids.Clear();
            _others.Clear();
        }

        public void Add(string reportId)
        {
            if (TryParseCanonical(reportId, out var uuid))
            {
                _uuids.Add(uuid);
            }
            else
            {
                _others.Add(reportId);
            }
        }
    }
}
