using System.Threading.Channels;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Tests.TestObjects;
using Telemetry.Reporter.Transport;

namespace Telemetry.Reporter.Tests.Infrastructure;

/// <summary>
/// A reporter on a manual clock with a recording transport and a private data directory. The reporter's loop
/// announces each time it goes idle, so a test advances the clock only when the loop waits for it.
/// </summary>
public sealed class ReporterHarness : IAsyncDisposable
{
    private readonly Channel<DateTimeOffset> _idle = Channel.CreateUnbounded<DateTimeOffset>();

    public ReporterHarness(Action<TelemetryReporterOptions>? configure = null, params ReportSendResult[] script)
    {
        DataDirectory = Directory.CreateTempSubdirectory("telemetry-reporter-").FullName;
        Time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        Transport = new RecordingTransport(Time, script);
        Factory = new CountingTransportFactory(_ => Transport);
        Options = new TelemetryReporterOptions
        {
            Product = "testapp",
            DataDirectory = DataDirectory,
            Schedule = ReportScheduleMode.AtStartup,
            Interval = TimeSpan.FromHours(1),
            Jitter = TimeSpan.Zero,
            CommandLineArguments = [],
        };
        configure?.Invoke(Options);
        Reporter = TelemetryReporter.CreateCore(
            Options, null, Factory, new FileInstanceIdentityStore(DataDirectory, Time), Logs, Time, _ => null);
        Reporter.Idle += wake => _idle.Writer.TryWrite(wake);
    }

    public string DataDirectory { get; }

    public ManualTimeProvider Time { get; }

    public RecordingTransport Transport { get; }

    public CountingTransportFactory Factory { get; }

    public TelemetryReporterOptions Options { get; }

    public RecordingLoggerFactory Logs { get; } = new();

    public TelemetryReporter Reporter { get; }

    /// <summary>Waits until the loop is idle and returns when it will wake next.</summary>
    public async Task<DateTimeOffset> IdleAsync(CancellationToken cancellationToken) =>
        await _idle.Reader.ReadAsync(cancellationToken);

    /// <summary>Advances the clock to <paramref name="time"/>.</summary>
    public void AdvanceTo(DateTimeOffset time) => Time.Advance(time - Time.GetUtcNow());

    public async ValueTask DisposeAsync()
    {
        await Reporter.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
