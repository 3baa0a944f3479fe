using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Testing;

namespace Telemetry.Upload.Tests.Infrastructure;

/// <summary>A <see cref="BatchUploader"/> running in the background until disposed (a graceful stop).</summary>
public sealed class UploaderRun : IAsyncDisposable
{
    private static readonly ILoggerFactory Logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error));

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private UploaderRun(BatchUploader uploader)
    {
        Uploader = uploader;
        _run = Task.Run(() => uploader.RunAsync(_stop.Token));
    }

    public BatchUploader Uploader { get; }

    public UploadMetrics Metrics { get; private init; } = null!;

    /// <summary>What the uploader's instruments recorded.</summary>
    public TestMeters Meters { get; private init; } = null!;

    public static UploaderRun Start(IConnectionMultiplexer redis, IReportSink sink, UploadOptions options)
    {
        var meters = new TestMeters();
        var metrics = new UploadMetrics(meters);
        var uploader = new BatchUploader(redis, sink, Options.Create(options), metrics, Logging.CreateLogger<BatchUploader>());
        return new UploaderRun(uploader) { Metrics = metrics, Meters = meters };
    }

    /// <summary>Fast settings for tests: small batches, short ages and claim times.</summary>
    public static UploadOptions TestOptions(string prefix, Action<UploadOptions>? configure = null)
    {
        var options = new UploadOptions
        {
            KeyPrefix = prefix,
            Shards = 4,
            BatchMaxReports = 100,
            BatchMaxAge = TimeSpan.FromMilliseconds(50),
            MaxPollInterval = TimeSpan.FromMilliseconds(20),
            ClaimIdleTime = TimeSpan.FromSeconds(1),
            RetryInitialDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            MetricsInterval = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        return options;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
        Meters.Dispose();
    }
}
