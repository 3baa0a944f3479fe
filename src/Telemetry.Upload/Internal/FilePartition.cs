using System.Globalization;
using System.Text;

namespace Telemetry.Upload.Internal;

/// <summary>
/// One directory of the file sink (<c>&lt;root&gt;/&lt;product&gt;/&lt;yyyy-MM-dd&gt;/</c>): the segment being written
/// and the index of the report_ids stored in the partition.
/// </summary>
/// <remarks>
/// Layout. Finished files are <c>&lt;segment&gt;.ndjson.gz</c>. The open segment is the hidden
/// <c>.&lt;segment&gt;.ndjson.gz.tmp</c>: every batch is appended to it as one complete gzip member, fsync'd at the
/// commit, and it is renamed to its final name when it rotates, so a reader listing <c>*.ndjson.gz</c> never sees a partial
/// file. The index <c>.ids</c> is append-only: the report_ids of a batch, then a commit line
/// <c>@&lt;segment&gt; &lt;length&gt;</c> giving the segment's durable length once the batch is in it, fsync'd before the
/// batch is confirmed. Ids after the last commit line belong to a batch that was never confirmed and are ignored; on
/// recovery a left-over segment is cut back to its last committed length and renamed. A batch written again after a
/// crash between the confirmation and the XACK finds its ids in the index and stores nothing. Only the latest
/// <see cref="FileSinkOptions.RememberedIdsPerPartition"/> ids are held in memory for that check.
/// </remarks>
internal sealed class FilePartition : IDisposable
{
    public const string IndexName = ".ids";
    public const string FinalSuffix = ".ndjson.gz";
    public const string TemporarySuffix = ".ndjson.gz.tmp";

    private readonly ReportIdSet _ids;
    private readonly HashSet<string> _uncommitted = new(StringComparer.Ordinal);
    private readonly StringBuilder _pendingIndex = new();
    private readonly Encoder _indexEncoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly byte[] _indexBuffer = new byte[8192];
    private readonly FileStream _index;
    private FileStream? _segment;
    private string? _segmentName;
    private long _segmentOpened;
    private long _segmentWritten;

    private FilePartition(string directory, FileStream index, int rememberedIds)
    {
        Directory = directory;
        _index = index;
        _ids = new ReportIdSet(rememberedIds);
    }

    public string Directory { get; }

    public long LastUsed { get; set; }

    public bool HasOpenSegment => _segment is not null;

    /// <summary>
    /// A write or commit failed part of the way (a full disk): the files may hold part of it, and the index stream may
    /// still buffer it. Such a partition is abandoned and opened again, which cuts both back to their last commit.
    /// </summary>
    public bool Broken { get; private set; }

    /// <summary>Opens (creating it if need be) and recovers the partition in <paramref name="directory"/>.</summary>
    /// <param name="directory">The partition directory.</param>
    /// <param name="rememberedIds">How many of the partition's latest report_ids the duplicate check remembers.</param>
    public static FilePartition Open(string directory, int rememberedIds)
    {
        System.IO.Directory.CreateDirectory(directory);
        var indexPath = Path.Combine(directory, IndexName);
        var index = new FileStream(indexPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
        var partition = new FilePartition(directory, index, rememberedIds);
        var committed = partition.LoadIndex(out var segments);
        index.SetLength(committed);
        index.Seek(0, SeekOrigin.End);
        partition.Recover(segments);
        return partition;
    }

    /// <summary>Reports a partition holds: the ids of its index that a commit line confirms.</summary>
    public static long CountCommitted(string directory)
    {
        var indexPath = Path.Combine(directory, IndexName);
        if (!File.Exists(indexPath))
        {
            return 0;
        }

        long committed = 0, pending = 0;
        foreach (var line in File.ReadLines(indexPath))
        {
            if (line.StartsWith('@'))
            {
                committed += pending;
                pending = 0;
            }
            else if (line.Length > 0)
            {
                pending++;
            }
        }

        return committed;
    }

    /// <summary>Whether the partition holds the report_id, committed or written for the next commit.</summary>
    public bool Contains(string reportId) => _ids.Contains(reportId) || _uncommitted.Contains(reportId);

    /// <summary>Whether the open segment is due for rotation by size, age or idle time (zero: never idle).</summary>
    public bool ShouldRotate(FileSinkOptions options, TimeProvider time) =>
        _segment is not null
        && (_segment.Length >= options.RotationBytes
            || time.GetElapsedTime(_segmentOpened) >= options.RotationAge
            || (options.RotationIdleTime > TimeSpan.Zero && time.GetElapsedTime(_segmentWritten) >= options.RotationIdleTime));

    /// <summary>
    /// Appends one gzip member holding a batch's lines to the open segment and notes its ids for
    /// <see cref="Commit"/>; nothing of it counts as stored before then.
    /// </summary>
    public void Write(ReadOnlySpan<byte> member, IReadOnlyList<string> reportIds, string writerId, TimeProvider time)
    {
        try
        {
            WriteCore(member, reportIds, writerId, time);
        }
        catch (IOException)
        {
            Broken = true;
            throw;
        }
    }

    /// <summary>
    /// Closes the files of a <see cref="Broken"/> partition without giving the segment its final name, so that
    /// <see cref="Open"/> recovers it (cut back to its last committed length) instead of publishing a partial write.
    /// </summary>
    public void Abandon()
    {
        foreach (var stream in new[] { _segment, _index })
        {
            try
            {
                stream?.Dispose();
            }
            catch (IOException)
            {
                // A buffered part of the failed write that still cannot be written; recovery ignores it anyway.
            }
        }

        _segment = null;
        Discard();
    }

    private void WriteCore(ReadOnlySpan<byte> member, IReadOnlyList<string> reportIds, string writerId, TimeProvider time)
    {
        if (_segment is null)
        {
            _segmentName = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'.'fff}-{writerId}-{Guid.NewGuid():N}")[..48];
            _segment = new FileStream(TemporaryPath(_segmentName), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            _segmentOpened = time.GetTimestamp();
        }

        _segment.Write(member);
        _segmentWritten = time.GetTimestamp();
        foreach (var id in reportIds)
        {
            _pendingIndex.Append(id).Append('\n');
            _uncommitted.Add(id);
        }

        _pendingIndex.Append('@').Append(_segmentName).Append(' ').Append(_segment.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>
    /// Makes the batches written since the last commit durable: the segment fsync'd, then their ids and commit lines
    /// appended to the index and fsync'd. Batches of several writers share the two fsyncs.
    /// </summary>
    public void Commit()
    {
        if (_pendingIndex.Length == 0)
        {
            return;
        }

        try
        {
            _segment!.Flush(flushToDisk: true);
            WritePendingIndex();
            _index.Flush(flushToDisk: true);
            foreach (var id in _uncommitted)
            {
                _ids.Add(id);
            }
        }
        catch (IOException)
        {
            Broken = true;
            throw;
        }
        finally
        {
            // On a failure the batches are not confirmed: their ids must not count as stored.
            _pendingIndex.Clear();
            _uncommitted.Clear();
        }
    }

    // The pending lines go to the index through a small reused buffer, chunk by chunk: as one string and one byte
    // array, the lines of the batches sharing a commit (about 37 bytes per report) came to hundreds of kilobytes, on
    // the large object heap, at every commit.
    private void WritePendingIndex()
    {
        _indexEncoder.Reset();
        foreach (var chunk in _pendingIndex.GetChunks())
        {
            var chars = chunk.Span;
            while (!chars.IsEmpty)
            {
                _indexEncoder.Convert(chars, _indexBuffer, flush: false, out var used, out var bytes, out _);
                _index.Write(_indexBuffer, 0, bytes);
                chars = chars[used..];
            }
        }

        _indexEncoder.Convert([], _indexBuffer, flush: true, out _, out var tail, out _);
        _index.Write(_indexBuffer, 0, tail);
    }

    /// <summary>Forgets the batches written since the last commit: a failed round confirms none of them.</summary>
    public void Discard()
    {
        _pendingIndex.Clear();
        _uncommitted.Clear();
    }

    /// <summary>Commits what was written, closes the open segment and gives it its final name.</summary>
    public void Rotate()
    {
        Commit();
        if (_segment is null)
        {
            return;
        }

        var empty = _segment.Length == 0;
        _segment.Dispose();
        _segment = null;
        if (empty)
        {
            File.Delete(TemporaryPath(_segmentName!));
        }
        else
        {
            File.Move(TemporaryPath(_segmentName!), FinalPath(_segmentName!));
        }

        _segmentName = null;
    }

    public void Dispose()
    {
        Rotate();
        _index.Dispose();
    }

    private string TemporaryPath(string segment) => Path.Combine(Directory, "." + segment + TemporarySuffix);

    private string FinalPath(string segment) => Path.Combine(Directory, segment + FinalSuffix);

    // Reads the index: ids count once their commit line follows them. Returns the length of the committed part and
    // each segment's last committed length.
    private long LoadIndex(out Dictionary<string, long> segments)
    {
        segments = new Dictionary<string, long>(StringComparer.Ordinal);
        _index.Seek(0, SeekOrigin.Begin);
        using var reader = new StreamReader(_index, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true);
        var pending = new List<string>();
        long offset = 0, committed = 0;
        while (reader.ReadLine() is { } line)
        {
            offset += Encoding.UTF8.GetByteCount(line) + 1;
            // A commit line counts only whole: one cut short by a failed write lacks its newline.
            if (line.StartsWith('@') && offset <= _index.Length)
            {
                var space = line.LastIndexOf(' ');
                if (space > 1 && long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                {
                    segments[line[1..space]] = length;
                    foreach (var id in pending)
                    {
                        _ids.Add(id);
                    }

                    pending.Clear();
                    committed = offset;
                }
            }
            else if (line.Length > 0)
            {
                pending.Add(line);
            }
        }

        return Math.Min(committed, _index.Length);
    }

    // A segment left open by a process that stopped: keep its committed part under its final name.
    private void Recover(Dictionary<string, long> segments)
    {
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "." + "*" + TemporarySuffix))
        {
            var file = Path.GetFileName(path);
            var segment = file[1..^TemporarySuffix.Length];
            if (!segments.TryGetValue(segment, out var length) || length == 0)
            {
                File.Delete(path);
                continue;
            }

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                if (stream.Length > length)
                {
                    stream.SetLength(length);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(path, FinalPath(segment), overwrite: true);
        }
    }
}
