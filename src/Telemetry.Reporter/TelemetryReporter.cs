using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telemetry.Reporter.Building;
using Telemetry.Reporter.Consent;
using Telemetry.Reporter.Diagnostics;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Metrics;
using Telemetry.Reporter.Runtime;
using Telemetry.Reporter.Scheduling;
using Telemetry.Reporter.Transport;

namespace Telemetry.Reporter;

/// <summary>
/// Reports a process's anonymous usage statistics to a Telemetry collector on a schedule, from its own background
/// loop.
/// </summary>
/// <remarks>
/// <para>
/// Create one per process with <see cref="Create"/> (or register it with
/// <c>services.AddTelemetryReporter(...)</c>), record metrics through <see cref="Metrics"/>, then
/// <see cref="StartAsync"/>. Starting returns at once: the identity is resolved, reports are built and sent on a
/// background task that never blocks or fails the host. Each report is built once per slot and retried with the
/// same report ID; counters are reset only by what a collector acknowledges.
/// </para>
/// <para>
/// When reporting is disabled (see <see cref="Consent"/>) nothing is started: no identity is created, no transport
/// is created and no connection is opened. All members are thread-safe.
/// </para>
/// </remarks>
public sealed partial class TelemetryReporter : IAsyncDisposable
{
    private readonly TelemetryReporterOptions _options;
    private readonly IReportTransportFactory? _transportFactory;
    private readonly IInstanceIdentityStore _identityStore;
    private readonly bool _ownsIdentityStore;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<RuntimeCollector> _runtime;
    private readonly Lazy<ReportBuilder> _builder;
    private readonly ReportQueue _queue;
    private readonly Lock _stateLock = new();
    private InstallationIdentity? _identity;
    private InstallationIdentity? _previewIdentity;
    private IReportTransport? _transport;
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private DateTimeOffset? _nextSlot;
    private string _nextReportId = NewReportId();
    private int _started;
    private int _finalReportSent;
    private int _disposed;

    /// <summary>Raised when the loop has nothing to do until the given time (its timer is already armed).</summary>
    internal event Action<DateTimeOffset>? Idle;

    private TelemetryReporter(
        TelemetryReporterOptions options,
        MetricRegistry metrics,
        IReportTransportFactory? transportFactory,
        IInstanceIdentityStore? identityStore,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        Func<string, string?> environment)
    {
        _options = options;
        // With an endpoint and no other factory, reports go to the collector over gRPC.
        _transportFactory = transportFactory
            ?? (options.Endpoint is not null ? new GrpcReportTransportFactory(loggerFactory, timeProvider) : null);
        _logger = loggerFactory.CreateLogger<TelemetryReporter>();
        _timeProvider = timeProvider;
        Metrics = metrics;
        Consent = ConsentResolver.Resolve(
            options, environment, options.CommandLineArguments?.ToArray() ?? System.Environment.GetCommandLineArgs());
        _ownsIdentityStore = identityStore is null;
        _identityStore = identityStore ?? options.IdentityStore switch
        {
            // The Redis client lives in its own package, so an app that does not use it does not carry it.
            IdentityStoreKind.Redis => throw new InvalidOperationException(
                "IdentityStore is Redis: reference the Telemetry.Reporter.Redis package and call "
                + "services.AddTelemetryReporterRedisIdentityStore(), or pass RedisIdentityStores.FromOptions(options)."),
            IdentityStoreKind.Ephemeral => new EphemeralInstanceIdentityStore(timeProvider),
            _ => new FileInstanceIdentityStore(options.GetDataDirectory(), timeProvider, _logger),
        };
        _runtime = new Lazy<RuntimeCollector>(() => new RuntimeCollector(timeProvider));
        _builder = new Lazy<ReportBuilder>(() => new ReportBuilder(
            options, metrics, _runtime.Value, BuildInfoReader.Read(options.BuildAssembly ?? System.Reflection.Assembly.GetEntryAssembly()),
            ApplyReportCallbacks));
        if (options.ConfigureReport is { } configure)
        {
            _reportCallbacks = [configure];
        }

        _queue = new ReportQueue(Math.Clamp(options.QueueCapacity, 1, 64));
    }

    /// <summary>
    /// Name of the reporter's own <see cref="System.Diagnostics.Metrics.Meter"/>: reports sent
    /// (<c>telemetry.reporter.reports.sent</c>), acknowledged, failed by <c>error.type</c>, and the delays before
    /// retries (<c>telemetry.reporter.retry.delay</c>). Add it to the app's OpenTelemetry metrics
    /// (<c>.AddMeter(TelemetryReporter.MeterName)</c>) to export them with the app's own.
    /// </summary>
    public const string MeterName = "Telemetry.Reporter";

    /// <summary>The metrics reports carry. Record into it from anywhere; recording never blocks on reporting.</summary>
    public MetricRegistry Metrics { get; }

    /// <summary>Whether reporting is enabled, and if not, which setting disabled it. Decided when the reporter is created.</summary>
    public ConsentDecision Consent { get; }

    /// <summary>The path of the copy of the last acknowledged report (<c>last-report.json</c> in the data directory).</summary>
    public string LastReportPath => Path.Combine(_options.GetDataDirectory(), LastReportWriter.FileName);

    /// <summary>Reports dropped because the delivery queue was full, since the reporter was created.</summary>
    public long DroppedReports => _queue.DroppedTotal;

    /// <summary>Creates a reporter.</summary>
    /// <param name="options">The configuration; validated by <see cref="StartAsync"/>.</param>
    /// <param name="metrics">The registry to report; defaults to a new one.</param>
    /// <param name="transportFactory">
    /// Creates the transport when the first report is sent. Defaults to <see langword="null"/>: reports then go to
    /// <see cref="TelemetryReporterOptions.Endpoint"/> with <see cref="GrpcReportTransport"/>, or, without an
    /// endpoint, are logged as in a dry run, with a warning.
    /// </param>
    /// <param name="identityStore">Where the identity comes from; defaults to the store <see cref="TelemetryReporterOptions.IdentityStore"/> names.</param>
    /// <param name="loggerFactory">Where the reporter logs; defaults to no logging.</param>
    /// <param name="timeProvider">The clock schedules run on; defaults to the system clock.</param>
    /// <returns>The reporter, not yet started.</returns>
    public static TelemetryReporter Create(
        TelemetryReporterOptions options,
        MetricRegistry? metrics = null,
        IReportTransportFactory? transportFactory = null,
        IInstanceIdentityStore? identityStore = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null) =>
        CreateCore(options, metrics, transportFactory, identityStore, loggerFactory, timeProvider, System.Environment.GetEnvironmentVariable);

    internal static TelemetryReporter CreateCore(
        TelemetryReporterOptions options,
        MetricRegistry? metrics,
        IReportTransportFactory? transportFactory,
        IInstanceIdentityStore? identityStore,
        ILoggerFactory? loggerFactory,
        TimeProvider? timeProvider,
        Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = timeProvider ?? TimeProvider.System;
        return new TelemetryReporter(
            options, metrics ?? new MetricRegistry(clock), transportFactory, identityStore,
            loggerFactory ?? NullLoggerFactory.Instance, clock, environment);
    }

    /// <summary>Validates the options and, if reporting is enabled, starts the background loop.</summary>
    /// <param name="cancellationToken">Not used: starting does no I/O.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    /// <exception cref="InvalidOperationException">The reporter was started before.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(TelemetryReporterOptions.SectionName, typeof(TelemetryReporterOptions), errors);
        }

        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The reporter was already started.");
        }

        if (!Consent.Enabled)
        {
            ReporterLog.ReportingDisabled(_logger, Consent.Reason);
            return Task.CompletedTask;
        }

        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;
        _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
        HookCrashes();
        return Task.CompletedTask;
    }

    /// <summary>Stops the background loop and waits for it, then releases the transport and connections.</summary>
    /// <param name="cancellationToken">Stops waiting for the loop.</param>
    /// <returns>A task that completes when the reporter has stopped.</returns>
    /// <remarks>
    /// Reports not yet delivered are discarded; their counts stay in <see cref="Metrics"/>. With
    /// <see cref="TelemetryReporterOptions.ReportOnStop"/>, those counts and any since go out in one last report first.
    /// </remarks>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping is { } stopping)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
        }

        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var pending in _queue.RemoveWhere(static _ => true))
        {
            Metrics.Release(pending.Snapshot);
        }

        // Only a reporter that ran sends a last report, and only once however often it is stopped.
        if (_options.ReportOnStop && _loop is not null && Interlocked.Exchange(ref _finalReportSent, 1) == 0)
        {
            await SendFinalReportAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _transport, null) is { } transport)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }

        UnhookCrashes();
        if (_runtime.IsValueCreated)
        {
            _runtime.Value.Dispose();
        }
    }

    /// <summary>Stops the reporter and releases everything it holds.</summary>
    /// <returns>A task that completes when the reporter is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        if (_ownsIdentityStore && _identityStore is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        _stopping?.Dispose();
    }

    private static string NewReportId() => Guid.NewGuid().ToString("D");

    private async Task<InstallationIdentity> GetIdentityAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _identity) is { } known)
        {
            return known;
        }

        var identity = await _identityStore.GetOrCreateAsync(cancellationToken).ConfigureAwait(false);
        lock (_stateLock)
        {
            if (_identity is null)
            {
                Metrics.SetHashKey(identity.Secret);
                _identity = identity;
            }

            return _identity;
        }
    }

    private DateTimeOffset FirstSlot(InstallationIdentity identity, DateTimeOffset now) =>
        _options.Schedule == ReportScheduleMode.Aligned
            ? ReportSchedule.NextSlot(identity.CreatedAt, _options.Interval, now)
            : now;

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            var identity = await ResolveIdentityAsync(stopping).ConfigureAwait(false);
            ReporterLog.ReportingEnabled(_logger, _options.Product, _options.Interval, identity.Id);
            _runtime.Value.Start(_options.RuntimeSampleInterval);

            DateTimeOffset slot;
            lock (_stateLock)
            {
                slot = _nextSlot ??= FirstSlot(identity, _timeProvider.GetUtcNow());
            }

            var due = slot + NextJitter();
            while (true)
            {
                stopping.ThrowIfCancellationRequested();
                var now = _timeProvider.GetUtcNow();
                ExpireStaleReports(now);
                if (now >= due)
                {
                    if (ReportSchedule.IsStale(slot, _options.Interval, now))
                    {
                        var skippedTo = ReportSchedule.NextSlot(slot, _options.Interval, now);
                        ReporterLog.SlotsSkipped(_logger, slot, skippedTo);
                        slot = skippedTo;
                    }
                    else
                    {
                        BuildAndEnqueue(identity, slot, now);
                        var following = ReportSchedule.FollowingSlot(slot, _options.Interval, now);
                        if (following != slot + _options.Interval)
                        {
                            ReporterLog.SlotsSkipped(_logger, slot + _options.Interval, following);
                        }

                        slot = following;
                    }

                    lock (_stateLock)
                    {
                        _nextSlot = slot;
                    }

                    due = slot + NextJitter();
                    continue;
                }

                var next = _queue.PeekNext();
                if (next is not null && now >= next.NextAttempt)
                {
                    await SendAsync(next, stopping).ConfigureAwait(false);
                    continue;
                }

                var wake = next is not null && next.NextAttempt < due ? next.NextAttempt : due;

                // Timers count whole milliseconds; rounding up keeps the loop from waking early and spinning.
                var wait = TimeSpan.FromMilliseconds(Math.Ceiling((wake - now).TotalMilliseconds));
                var delay = Task.Delay(wait, _timeProvider, stopping);
                Idle?.Invoke(now + wait);
                await delay.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            // Reporting must never take the host down; it stops and says so.
            ReporterLog.ReportingFailed(_logger, exception);
        }
    }

    private async Task<InstallationIdentity> ResolveIdentityAsync(CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GetIdentityAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                var delay = ReportSchedule.Backoff(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), Random.Shared.NextDouble());
                ReporterLog.IdentityUnavailable(_logger, delay, exception);
                await Task.Delay(delay, _timeProvider, stopping).ConfigureAwait(false);
            }
        }
    }

    private void BuildAndEnqueue(InstallationIdentity identity, DateTimeOffset slot, DateTimeOffset now)
    {
        string reportId;
        lock (_stateLock)
        {
            reportId = _nextReportId;
            _nextReportId = NewReportId();
        }

        var (report, snapshot) = _builder.Value.Build(identity, slot, reportId, commit: true);
        if (_queue.Enqueue(new PendingReport(report, snapshot, slot, now)) is { } dropped)
        {
            Metrics.Release(dropped.Snapshot);
            ReporterLog.ReportQueueFull(_logger, dropped.Report.ReportId, _queue.DroppedTotal);
        }
    }

    private async Task SendFinalReportAsync(CancellationToken cancellationToken)
    {
        RegistrySnapshot? unsettled = null;
        try
        {
            var identity = await GetIdentityAsync(cancellationToken).ConfigureAwait(false);
            string reportId;
            lock (_stateLock)
            {
                reportId = _nextReportId;
                _nextReportId = NewReportId();
            }

            // The interval it covers ends now, not at a slot of the schedule.
            var now = _timeProvider.GetUtcNow();
            var (report, snapshot) = _builder.Value.Build(identity, now, reportId, commit: true);
            unsettled = snapshot;
            var outcome = await SendAsync(new PendingReport(report, snapshot, now, now), cancellationToken).ConfigureAwait(false);
            if (outcome is ReportSendOutcome.Accepted or ReportSendOutcome.Duplicate or ReportSendOutcome.Rejected)
            {
                // Settled by SendAsync: acknowledged, or released for a rejection.
                unsettled = null;
            }
            else
            {
                ReporterLog.FinalReportNotSent(_logger, outcome);
            }
        }
        catch (Exception exception)
        {
            // Stopping must finish whatever happened to the last report, a cancelled stop included.
            ReporterLog.FinalReportFailed(_logger, exception);
        }

        // Counts not acknowledged go back to the registry, as for any undelivered report.
        if (unsettled is not null)
        {
            Metrics.Release(unsettled);
        }
    }

    private void ExpireStaleReports(DateTimeOffset now)
    {
        foreach (var expired in _queue.RemoveWhere(report => ReportSchedule.IsStale(report.Slot, _options.Interval, now)))
        {
            Metrics.Release(expired.Snapshot);
            ReporterLog.ReportExpired(_logger, expired.Report.ReportId, expired.Slot);
        }
    }

    private async Task<ReportSendOutcome> SendAsync(PendingReport pending, CancellationToken stopping)
    {
        var transport = _transport ??= CreateTransport();
        ReportSendResult result;
        using (var timeout = new CancellationTokenSource(_options.SendTimeout, _timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping))
        {
            try
            {
                result = await transport.SendAsync(pending.Report, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                ReporterLog.TransportFailed(_logger, pending.Report.ReportId, exception);
                result = new ReportSendResult(ReportSendOutcome.TransientFailure, exception.GetType().Name);
            }
        }

        // The outcome is applied even while stopping: an acknowledged report must reset its counts.
        var now = _timeProvider.GetUtcNow();
        switch (result.Outcome)
        {
            case ReportSendOutcome.Accepted or ReportSendOutcome.Duplicate:
                _queue.Remove(pending);
                Metrics.Acknowledge(pending.Snapshot);
                _runtime.Value.OnAcknowledged();
                ReporterMetrics.Attempted(result.Outcome, retryDelay: null);
                ReporterLog.ReportSent(_logger, pending.Report.ReportId, pending.Slot, result.Outcome);
                KeepLastReport(pending, now, result.Outcome);
                break;
            case ReportSendOutcome.Rejected:
                _queue.Remove(pending);
                Metrics.Release(pending.Snapshot);
                ReporterMetrics.Attempted(result.Outcome, retryDelay: null);
                ReporterLog.ReportRejected(_logger, pending.Report.ReportId, result.Reason);
                break;
            default:
                pending.Failures++;
                var backoff = ReportSchedule.Backoff(
                    pending.Failures, _options.RetryMinBackoff, _options.RetryMaxBackoff, Random.Shared.NextDouble());
                var delay = result.RetryDelay is { } asked && asked > backoff ? asked : backoff;
                pending.NextAttempt = now + delay;
                ReporterMetrics.Attempted(result.Outcome, delay);
                ReporterLog.ReportRetryScheduled(_logger, pending.Report.ReportId, result.Outcome, result.Reason, delay);
                break;
        }

        return result.Outcome;
    }

    private IReportTransport CreateTransport()
    {
        if (_options.DryRun)
        {
            return new DryRunReportTransport(_logger);
        }

        if (_transportFactory is null)
        {
            ReporterLog.NoTransport(_logger);
            return new DryRunReportTransport(_logger);
        }

        return _transportFactory.Create(_options);
    }

    private void KeepLastReport(PendingReport pending, DateTimeOffset now, ReportSendOutcome outcome)
    {
        var directory = _options.GetDataDirectory();
        try
        {
            LastReportWriter.Write(directory, pending.Report, now, outcome, _options.DryRun || _transportFactory is null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ReporterLog.LastReportNotWritten(_logger, directory, exception);
        }
    }

    private TimeSpan NextJitter() => ReportSchedule.Jitter(_options.Jitter, Random.Shared.NextDouble());
}
