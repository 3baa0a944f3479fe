using System.Diagnostics;
using Google.Protobuf;
using Telemetry.Testing;

namespace Telemetry.Reporter.IntegrationTests;

/// <summary>The crash sample, a program of its own, dies of an unhandled exception; its crash report reaches the collector.</summary>
[TestFixture]
public sealed class CrashSampleTests
{
    private string _dataDirectory = string.Empty;

    [SetUp]
    public void SetUp() => _dataDirectory = Directory.CreateTempSubdirectory("telemetry-crash-it-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dataDirectory, recursive: true);

    [Test]
    [CancelAfter(60_000)]
    public async Task CrashSample_UnhandledException_CrashReportArrivesWithTypeAndPlaceButNotTheMessage(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), cancellationToken: cancellationToken);

        // Act
        var (exitCode, output) = await RunCrashSampleAsync(collector.Endpoint, cancellationToken);

        // Assert
        var crashes = (await collector.BufferedReportsAsync(SharedRedis.Server)).Where(r => r.Mimir?.Crash is not null).ToList();
        Assert.That(crashes, Has.Count.EqualTo(1), output);
        var crash = crashes[0].Mimir.Crash;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.Zero, "the process still dies of its exception");
            Assert.That(output, Does.Contain("alice@example.com"), "the runtime prints the exception to the console");
            Assert.That(crash.ErrorType, Is.EqualTo("System.InvalidOperationException"));
            Assert.That(crash.SourceFile, Is.EqualTo("OrderProcessor.cs"));
            Assert.That(crash.SourceLine, Is.EqualTo(7));
            Assert.That(crash.Function, Is.EqualTo("Telemetry.CrashSample.OrderProcessor.Charge"));
            Assert.That(crashes[0].Mimir.Metrics, Is.Null, "a crash report carries nothing else");
            Assert.That(crashes[0].ToByteString().ToStringUtf8(), Does.Not.Contain("alice").And.Not.Contain("declined"));
        });
    }

    private async Task<(int ExitCode, string Output)> RunCrashSampleAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(TestContext.CurrentContext.TestDirectory, "Telemetry.CrashSample.dll"), endpoint.ToString(), _dataDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
