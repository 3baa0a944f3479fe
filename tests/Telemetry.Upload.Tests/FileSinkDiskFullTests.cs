using Microsoft.Extensions.Options;
using Telemetry.Testing;
using Telemetry.Upload.Sinks;
using Telemetry.Upload.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Upload.Tests;

/// <summary>
/// The file sink on a full filesystem (a small tmpfs of its own, which needs root or CAP_SYS_ADMIN to mount; the
/// tests are skipped without it): a write that fails half way must leave nothing behind that a retry or a reader
/// would trip over.
/// </summary>
[TestFixture]
public sealed class FileSinkDiskFullTests
{
    private string _mountPoint = null!;

    [SetUp]
    public async Task MountAsync()
    {
        _mountPoint = Directory.CreateTempSubdirectory("telemetry-full-").FullName;
        var mount = await ChildProcess.RunAsync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", _mountPoint], TimeSpan.FromSeconds(30));
        if (mount.ExitCode != 0)
        {
            Directory.Delete(_mountPoint);
            Assert.Ignore($"a tmpfs cannot be mounted here: {mount.StandardError.Trim()}");
        }
    }

    [TearDown]
    public async Task UnmountAsync()
    {
        if (Directory.Exists(_mountPoint))
        {
            await ChildProcess.RunAsync("umount", [_mountPoint], TimeSpan.FromSeconds(30));
            Directory.Delete(_mountPoint, recursive: true);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task FileWrite_DiskFullThenFreed_RetriedBatchesAreStoredOnceAndEveryFileReads(CancellationToken cancellationToken)
    {
        // Arrange: a first batch opens the segment, then a filler takes every free byte, so the next appends fail
        // part of the way through a page.
        var directory = Path.Combine(_mountPoint, "reports");
        var options = UploaderRun.TestOptions("t:", o => o.Files.Directory = directory);
        var batches = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 200).Select(_ => Buffered(TestReports.Create())).ToList()).ToList();
        var filler = Path.Combine(_mountPoint, "filler");
        await using var sink = new FileReportSink(Options.Create(options));
        await sink.WriteAsync(batches[0], cancellationToken);
        Fill(filler);

        // Act: every later batch fails while the disk is full; then the space comes back and each is retried.
        var failures = 0;
        foreach (var batch in batches.Skip(1))
        {
            try
            {
                await sink.WriteAsync(batch, cancellationToken);
            }
            catch (SinkUnavailableException)
            {
                failures++;
            }
        }

        // The open file is closed while the disk is still full (as its idle time would), then a smaller batch
        // goes first: the rest of a longer failed append must stay in neither file.
        await sink.FlushAsync(cancellationToken);
        File.Delete(filler);
        var small = new List<BufferedReport> { Buffered(TestReports.Create()) };
        await sink.WriteAsync(small, cancellationToken);
        foreach (var batch in batches)
        {
            await sink.WriteAsync(batch, cancellationToken);
        }

        // Assert: every file reads back whole, with each report once.
        var stored = await Stored.FileReportIdsAsync(sink);
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.EqualTo(batches.Count - 1), "writes failed while the disk was full");
            Assert.That(stored, Is.EquivalentTo(batches.SelectMany(b => b).Concat(small).Select(r => r.ReportId)));
        });
    }

    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        foreach (var size in new[] { 1 << 16, 512 })
        {
            try
            {
                while (true)
                {
                    file.Write(new byte[size]);
                }
            }
            catch (IOException)
            {
                // ENOSPC at this granularity; smaller writes take what is left.
            }
        }
    }

    private static BufferedReport Buffered(UsageReport report) =>
        new(0, "0-1", report.ReportId, "mimir", DateTimeOffset.UtcNow, Google.Protobuf.MessageExtensions.ToByteArray(report), report);
}
