using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Options;
using Telemetry.Upload.Internal;

namespace Telemetry.Upload.Sinks;

/// <summary>
/// The embedded default sink: gzip'd newline-delimited protobuf JSON, one report per line with its report_id and
/// arrival time, in <c>&lt;root&gt;/&lt;product&gt;/&lt;yyyy-MM-dd&gt;/</c> (the arrival date, UTC), rotated by size, age
/// and idle time.
/// </summary>
/// <remarks>
/// <para>Atomicity: files appear under their final name only once complete (see <see cref="FilePartition"/>); every
/// batch is fsync'd before it is confirmed.</para>
/// <para>Idempotency: a per-partition index of stored report_ids (<c>.ids</c>), written in the same commit as the
/// data. It was preferred to a Redis set because it commits together with the file it describes: a Redis set
/// updated after the file write could lose the last batch's ids in a crash (duplicates), or keep ids whose data was
/// never made durable (loss). A retried report always has the same arrival time and so the same partition, which
/// is why one index per partition suffices. The index of a partition is held in memory while it is written to.</para>
/// <para>One process writes a directory: the sink takes an exclusive lock on <c>&lt;root&gt;/.lock</c> (released by the
/// operating system when the process dies, so a replacement takes over after a crash). Run several uploader
/// processes against the PostgreSQL sink, or give each its own directory. Within a process, writes are serialized;
/// formatting and compression run outside the lock, and the batches that arrive while one is written are written
/// together and share its fsyncs (a group commit).</para>
/// </remarks>
public sealed partial class FileReportSink : IReportSink, IStoredReportSource, IAsyncDisposable, IDisposable
{
    private const int MaxOpenPartitions = 64;

    private readonly FileSinkOptions _options;
    private readonly TimeProvider _time;
    private readonly string _root;
    private readonly string _writerId = Guid.NewGuid().ToString("N")[..8];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, FilePartition> _partitions = new(StringComparer.Ordinal);
    private readonly ReportBatchEncoderPool _encoders = new();
    private readonly PartitionPaths _paths;
    private readonly ITimer _rotationTimer;
    private FileStream? _lock;
    private bool _disposed;

    public FileReportSink(IOptions<UploadOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Files;
        _time = timeProvider ?? TimeProvider.System;
        _root = Path.GetFullPath(_options.Directory);
        _paths = new PartitionPaths(_root);
        // Checked at half the shortest limit, so a file closes at most half that late.
        var idle = _options.RotationIdleTime;
        var period = (idle > TimeSpan.Zero && idle < _options.RotationAge ? idle : _options.RotationAge) / 2;
        _rotationTimer = _time.CreateTimer(_ => _ = RotateDueAsync(), null, period, period);
    }

    public string Name => "files";

    /// <summary>The root directory.</summary>
    public string Root => _root;

    public async Task WriteAsync(IReadOnlyList<BufferedReport> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        // Format and compress outside the lock; only the index check, the append and the fsyncs are serialized, and
        // shared by the batches that queue meanwhile (see WriteQueuedAsync).
        var rented = new List<ReportBatchEncoder>(2);
        try
        {
            var groups = batch
                .GroupBy(_paths.Of, StringComparer.Ordinal)
                .Select(g => (Partition: g.Key, Reports: g.DistinctBy(r => r.ReportId, StringComparer.Ordinal).ToList()))
                .Select(g => new PartitionBatch(g.Partition, g.Reports, Encode(g.Reports, rented)))
                .ToList();
            await WriteQueuedAsync(new QueuedWrite(groups), cancellationToken);
        }
        finally
        {
            foreach (var encoder in rented)
            {
                _encoders.Return(encoder);
            }
        }
    }

    /// <summary>
    /// Rewrites every file holding reports of the installation without them (temporary file, fsync, rename over), after
    /// closing the open segments. Cost: reads every file of the directory.
    /// </summary>
    public async Task<long> DeleteInstanceAsync(string instanceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceKey);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            EnsureLocked();
            RotateAll();
            long removed = 0;
            foreach (var file in FinalFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                removed += RewriteWithout(file, instanceKey);
            }

            return removed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Streams the installation's reports from every file (a full scan; the open segments are closed first).</summary>
    public IAsyncEnumerable<StoredReport> ExportInstanceAsync(string instanceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceKey);
        return ScanAsync(line => ReportLine.InstanceKey(line) == instanceKey, cancellationToken);
    }

    /// <summary>Streams every stored report (a full scan; the open segments are closed first).</summary>
    public IAsyncEnumerable<StoredReport> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ScanAsync(_ => true, cancellationToken);

    private async IAsyncEnumerable<StoredReport> ScanAsync(Func<byte[], bool> include, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> files;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            EnsureLocked();
            RotateAll();
            files = FinalFiles().ToList();
        }
        finally
        {
            _gate.Release();
        }

        // One report at a time: a rebuild reads every stored report, and a file may hold a million of them.
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var line in ReadLines(file, missingIsEmpty: true))
            {
                if (include(line))
                {
                    var (report, arrivalTime) = ReportLine.Read(line);
                    yield return new StoredReport(report, arrivalTime, Name);
                }
            }
        }
    }

    /// <summary>
    /// Deletes every day partition (<c>&lt;product&gt;/&lt;yyyy-MM-dd&gt;/</c>) whose whole day ends at or before
    /// <paramref name="cutoff"/>, after closing its open segment; returns the reports they held (from their index).
    /// </summary>
    public async Task<long> DeleteArrivedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var lastDay = DateOnly.FromDateTime(cutoff.UtcDateTime).AddDays(-1);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            EnsureLocked();
            long removed = 0;
            foreach (var directory in DayDirectories().Where(d => d.Day <= lastDay).Select(d => d.Path).ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_partitions.Remove(directory, out var open))
                {
                    open.Dispose();
                }

                removed += FilePartition.CountCommitted(directory);
                Directory.Delete(directory, recursive: true);
            }

            return removed;
        }
        catch (IOException exception)
        {
            throw new SinkUnavailableException($"The report directory {_root} cannot be written: {exception.Message}", exception);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every finished file under the root, for readers and tests.</summary>
    public IEnumerable<string> FinalFiles() =>
        Directory.Exists(_root)
            ? Directory.EnumerateFiles(_root, "*" + FilePartition.FinalSuffix, SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
            : [];

    // The partitions on disk: <root>/<product>/<yyyy-MM-dd>/; other directories are not the sink's and stay.
    private IEnumerable<(string Path, DateOnly Day)> DayDirectories()
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var product in Directory.EnumerateDirectories(_root))
        {
            foreach (var day in Directory.EnumerateDirectories(product))
            {
                if (DateOnly.TryParseExact(Path.GetFileName(day), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    yield return (day, date);
                }
            }
        }
    }

    /// <summary>Reads the lines of a finished file (every gzip member in turn).</summary>
    public static IEnumerable<byte[]> ReadLines(string file) => ReadLines(file, missingIsEmpty: false);

    /// <param name="file">A finished file.</param>
    /// <param name="missingIsEmpty">Whether a file deleted (by retention) since it was listed reads as empty.</param>
    private static IEnumerable<byte[]> ReadLines(string file, bool missingIsEmpty)
    {
        var stream = OpenFinished(file, missingIsEmpty);
        if (stream is null)
        {
            yield break;
        }

        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return Encoding.UTF8.GetBytes(line);
            }
        }
    }

    private static FileStream? OpenFinished(string file, bool missingIsEmpty)
    {
        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (FileNotFoundException) when (missingIsEmpty)
        {
            return null;
        }
    }

    /// <summary>Closes every open segment, making all stored reports visible under final names.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            RotateAll();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            DisposeCore();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            DisposeCore();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void DisposeCore()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _rotationTimer.Dispose();
        foreach (var partition in _partitions.Values)
        {
            partition.Dispose();
        }

        _partitions.Clear();
        _encoders.Dispose();
        _lock?.Dispose();
        _lock = null;
    }

    private async Task RotateDueAsync()
    {
        if (!await _gate.WaitAsync(0))
        {
            return;
        }

        try
        {
            if (_disposed)
            {
                return;
            }

            foreach (var partition in _partitions.Values.Where(p => p.ShouldRotate(_options, _time)))
            {
                partition.Rotate();
            }
        }
        catch (IOException)
        {
            // Retried on the next tick or the next write.
        }
        finally
        {
            _gate.Release();
        }
    }

    private void RotateAll()
    {
        foreach (var partition in _partitions.Values)
        {
            partition.Rotate();
        }
    }

    // Takes the directory lock once, then recovers every segment a previous process left open.
    private void EnsureLocked()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_lock is not null)
        {
            return;
        }

        Directory.CreateDirectory(_root);
        try
        {
            _lock = new FileStream(Path.Combine(_root, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new SinkUnavailableException($"Another process is writing to {_root}.", exception);
        }

        foreach (var temporary in Directory.EnumerateFiles(_root, "*" + FilePartition.TemporarySuffix, SearchOption.AllDirectories).ToList())
        {
            var directory = Path.GetDirectoryName(temporary)!;
            if (!_partitions.ContainsKey(directory))
            {
                FilePartition.Open(directory, _options.RememberedIdsPerPartition).Dispose();
            }
        }

        foreach (var leftover in Directory.EnumerateFiles(_root, "*.rewrite", SearchOption.AllDirectories).ToList())
        {
            File.Delete(leftover);
        }
    }

    private FilePartition Partition(string directory)
    {
        if (!_partitions.TryGetValue(directory, out var partition))
        {
            if (_partitions.Count >= MaxOpenPartitions)
            {
                var coldest = _partitions.Values.MinBy(p => p.LastUsed)!;
                coldest.Dispose();
                _partitions.Remove(coldest.Directory);
            }

            partition = FilePartition.Open(directory, _options.RememberedIdsPerPartition);
            _partitions[directory] = partition;
        }

        partition.LastUsed = _time.GetTimestamp();
        return partition;
    }

    // The member stays valid while the encoder is rented, that is until the end of the write.
    private ReadOnlyMemory<byte> Encode(List<BufferedReport> reports, List<ReportBatchEncoder> rented)
    {
        var encoder = _encoders.Rent();
        rented.Add(encoder);
        return encoder.Encode(reports);
    }

    private static long RewriteWithout(string file, string instanceKey)
    {
        long removed = 0;
        var temporary = file + ".rewrite";
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                foreach (var line in ReadLines(file))
                {
                    if (ReportLine.InstanceKey(line) == instanceKey)
                    {
                        removed++;
                        continue;
                    }

                    gzip.Write(line);
                    gzip.WriteByte((byte)'\n');
                }
            }

            output.Flush(flushToDisk: true);
        }

        if (removed == 0)
        {
            File.Delete(temporary);
        }
        else
        {
            File.Move(temporary, file, overwrite: true);
        }

        return removed;
    }
}
