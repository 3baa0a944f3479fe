namespace Telemetry.Upload.Internal;

/// <summary>
/// The report_ids stored in a file partition, for the idempotency check. A day's partition holds every id of the day,
/// so the ingestion side's canonical form (a lower-case hyphenated UUID) is kept as a 16-byte value rather than a
/// string: no object per id, so far less memory and nothing for the garbage collector to trace and promote. Any other
/// id is kept as its string. The two never collide: only the canonical text of a UUID maps to it, so the set matches
/// ids exactly as an ordinal string set would.
/// </summary>
internal sealed class ReportIdSet
{
    private readonly HashSet<Guid> _uuids = [];
    private readonly HashSet<string> _others = new(StringComparer.Ordinal);

    public bool Contains(string reportId) =>
        TryParseCanonical(reportId, out var uuid) ? _uuids.Contains(uuid) : _others.Contains(reportId);

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

    // "D" alone also accepts upper-case digits, whose text differs from the canonical one: those stay strings.
    private static bool TryParseCanonical(string reportId, out Guid uuid)
    {
        uuid = default;
        return reportId.Length == 36 && !reportId.AsSpan().ContainsAnyInRange('A', 'Z') && Guid.TryParseExact(reportId, "D", out uuid);
    }
}
