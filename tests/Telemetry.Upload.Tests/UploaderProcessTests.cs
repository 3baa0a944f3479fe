using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Telemetry.Buffer;
using Telemetry.Testing;
using Telemetry.Upload.Sinks;
using Telemetry.Upload.Tests.Infrastructure;

namespace Telemetry.Upload.Tests;

/// <summary>The <c>telemetry-uploader</c> command as a separate process, killed with SIGKILL mid-batch.</summary>
[TestFixture]
public sealed class UploaderProcessTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Uploader_KilledWhileHoldingPendingReports_SecondUploaderClaimsThemAndStoresEachOnce(CancellationToken cancellationToken)
    {
        // Arrange: a backlog drained slowly (4 batches of 20 per second) by a separate uploader process.
        var (redisServer, redis) = await Servers.RedisAsync();
        var prefix = Servers.KeyPrefix();
        var buffer = new TestBuffer(redis, new BufferKeyspace(prefix, 4));
        await buffer.CreateGroupsAsync();
        var reports = Enumerable.Range(0, 400).Select(_ => TestReports.Create()).ToList();
        await buffer.AddManyAsync(reports);
        var directory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        using var process = StartUploader(redisServer, prefix, directory);

        // Act: kill it while it holds reports it has read and not acknowledged, after it has stored some.
        await Eventually.UntilAsync(
            async () => await buffer.LengthAsync() <= 340 && await buffer.PendingAsync() > 0,
            TimeSpan.FromSeconds(60), "the process has stored some reports and holds others", cancellationToken);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(cancellationToken);
        var pendingAfterKill = await buffer.PendingAsync();

        // The claim idle time is ten minutes: the second uploader takes the reports over because the lease expired.
        var options = UploaderRun.TestOptions(prefix, o =>
        {
            o.Files.Directory = directory;
            o.ClaimIdleTime = TimeSpan.FromMinutes(10);
            o.LeaseTime = TimeSpan.FromSeconds(1);
        });
        await using var sink = new FileReportSink(Options.Create(options));
        await using (var second = UploaderRun.Start(redis, sink, options))
        {
            await Eventually.UntilAsync(async () => await buffer.LengthAsync() == 0, TimeSpan.FromSeconds(45), "the second uploader drains everything", cancellationToken);
            Assert.That(second.Meters.Sum("telemetry.upload.claimed"), Is.GreaterThan(0));
        }

        // Assert
        var stored = await Stored.FileReportIdsAsync(sink);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(pendingAfterKill, Is.GreaterThan(0), "the killed process held pending reports");
            Assert.That(stored, Has.Count.EqualTo(400));
            Assert.That(stored, Is.Unique);
            Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
            Assert.That(await buffer.PendingAsync(), Is.Zero);
            Assert.That(Directory.EnumerateFiles(directory, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        });
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task DeadLetters_ListThenReplayAll_ShowsTheLetterAndMovesItBack(CancellationToken cancellationToken)
    {
        // Arrange: one dead letter, written the way the uploader writes them.
        var (redisServer, redis) = await Servers.RedisAsync();
        var prefix = Servers.KeyPrefix();
        var buffer = new TestBuffer(redis, new BufferKeyspace(prefix, 4));
        var reportId = Guid.NewGuid().ToString();
        await buffer.Database.ExecuteAsync("XADD", buffer.Keys.DeadLetters(2), "*", "report_id", reportId, "product", "mimir",
            "arrival_ms", "1700000000000", "report", (StackExchange.Redis.RedisValue)Google.Protobuf.MessageExtensions.ToByteArray(TestReports.Create(reportId: reportId)),
            "reason", "schema mismatch", "attempts", "5", "first_seen_ms", "1700000000000", "source_id", "1-0");

        // Act
        var (listCode, listOutput) = await RunCommandAsync(redisServer, prefix, ["dead-letters", "list"], cancellationToken);
        var (replayCode, replayOutput) = await RunCommandAsync(redisServer, prefix, ["dead-letters", "replay", "--all"], cancellationToken);
        var (badCode, _) = await RunCommandAsync(redisServer, prefix, ["dead-letters", "replay"], cancellationToken);

        // Assert
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(listCode, Is.Zero);
            Assert.That(listOutput, Does.Contain(reportId).And.Contain("schema mismatch").And.Contain("1 dead letters."));
            Assert.That(replayCode, Is.Zero);
            Assert.That(replayOutput, Does.Contain("Replayed 1 dead letters."));
            Assert.That(badCode, Is.EqualTo(2), "replay needs --id or --all");
            Assert.That(await buffer.DeadLetterLengthAsync(), Is.Zero);
            Assert.That(await buffer.LengthAsync(), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Uploader_Running_ServesMetricsAndLivenessAndWritesJsonLogs(CancellationToken cancellationToken)
    {
        // Arrange: a backlog, and an uploader with its operations endpoint on a free port and JSON console logs.
        var (redisServer, redis) = await Servers.RedisAsync();
        var prefix = Servers.KeyPrefix();
        var buffer = new TestBuffer(redis, new BufferKeyspace(prefix, 4));
        await buffer.CreateGroupsAsync();
        await buffer.AddManyAsync(Enumerable.Range(0, 50).Select(_ => TestReports.Create()).ToList());
        var directory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        var operations = $"http://127.0.0.1:{FreePort.Next()}";
        var lines = new ConcurrentQueue<string>();
        using var process = StartUploader(redisServer, prefix, directory, lines, new()
        {
            ["Kestrel__Endpoints__Operations__Url"] = operations,
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Default"] = "Information",
        });

        // Act
        await Eventually.UntilAsync(async () => await buffer.LengthAsync() == 0, TimeSpan.FromSeconds(60), "the uploader drains the backlog", cancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(operations) };
        var liveness = await http.GetStringAsync("/healthz", cancellationToken);
        var metrics = await http.GetStringAsync("/metrics", cancellationToken);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(cancellationToken);

        // Assert
        var listening = lines.Select(TryParseJson).OfType<JsonElement>()
            .FirstOrDefault(e => e.GetProperty("Message").GetString()!.Contains($"Now listening on: {operations}", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(liveness, Is.EqualTo("ok\n"));
            Assert.That(PrometheusSamples.Values(metrics, "telemetry_upload_reports_total").Sum(), Is.EqualTo(50), metrics);
            Assert.That(metrics, Does.Contain("# TYPE dotnet_gc_collections_total counter"), "the runtime's meter is exported");
            Assert.That(listening.ValueKind, Is.EqualTo(JsonValueKind.Object), string.Join('\n', lines));
            Assert.That(listening.ValueKind == JsonValueKind.Object ? listening.GetProperty("Timestamp").GetString() : null,
                Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"));
        });
        Directory.Delete(directory, recursive: true);
    }

    private static JsonElement? TryParseJson(string line)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunCommandAsync(RedisServer redis, string prefix, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Redis__Configuration"] = redis.ConnectionString,
                ["Upload__KeyPrefix"] = prefix,
                ["COLUMNS"] = "400",
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "telemetry-uploader.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private static Process StartUploader(RedisServer redis, string prefix, string directory) =>
        StartUploader(redis, prefix, directory, output: null, []);

    /// <summary>
    /// Starts <c>telemetry-uploader</c> draining to files, its operations endpoint on a free port unless
    /// <paramref name="environment"/> names one; its output lines go to <paramref name="output"/> too when given.
    /// </summary>
    private static Process StartUploader(RedisServer redis, string prefix, string directory,
        ConcurrentQueue<string>? output, Dictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "telemetry-uploader.dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} is missing from the test output");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Redis__Configuration"] = redis.ConnectionString,
                ["Upload__KeyPrefix"] = prefix,
                ["Upload__Sink"] = "files",
                ["Upload__Files__Directory"] = directory,
                ["Upload__BatchMaxReports"] = "20",
                ["Upload__BatchMaxAge"] = "00:00:00.050",
                ["Upload__MaxBatchesPerSecond"] = "4",
                ["Upload__RateLimitBurst"] = "00:00:00",
                ["Upload__ClaimIdleTime"] = "00:10:00",
                ["Upload__LeaseTime"] = "00:00:01",
                ["Upload__MaxPollInterval"] = "00:00:00.020",
            },
        };
        start.Environment["Kestrel__Endpoints__Operations__Url"] = $"http://127.0.0.1:{FreePort.Next()}";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        DataReceivedEventHandler received = (_, e) =>
        {
            TestContext.Progress.WriteLine(e.Data);
            if (e.Data is not null)
            {
                output?.Enqueue(e.Data);
            }
        };
        process.OutputDataReceived += received;
        process.ErrorDataReceived += received;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
