using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemetry.Insights.Internal;
using Telemetry.Upload;

namespace Telemetry.Insights;

/// <summary>
/// Deletes raw stored reports older than <see cref="InsightsOptions.RawReportRetention"/> every
/// <see cref="InsightsOptions.RetentionInterval"/>, while the rollups keep their aggregates. Does nothing when the
/// setting is unset or the sink keeps no reports of its own (the upstream sink).
/// </summary>
public sealed class RawReportRetention : BackgroundService
{
    /// <summary>Name of the insights meter.</summary>
    public const string MeterName = "Telemetry.Insights";

    private readonly IReportSink _sink;
    private readonly InsightsOptions _options;
    private readonly ILogger<RawReportRetention> _logger;
    private readonly Counter<long> _deleted;

    public RawReportRetention(IReportSink sink, IOptions<InsightsOptions> options, IMeterFactory meterFactory, ILogger<RawReportRetention> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _sink = IReportSinkDecorator.Unwrap(sink);
        _options = options.Value;
        _logger = logger;
        _deleted = meterFactory.Create(MeterName).CreateCounter<long>("telemetry.insights.retention.deleted", "{report}",
            "Raw stored reports deleted by the retention job (Insights:RawReportRetention).");
    }

    /// <summary>Deletes the raw reports older than the retention at <paramref name="now"/>; returns how many.</summary>
    public async Task<long> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (_options.RawReportRetention is not { } retention || _sink is not IStoredReportSource source)
        {
            return 0;
        }

        var cutoff = now - retention;
        var deleted = await source.DeleteArrivedBeforeAsync(cutoff, cancellationToken);
        if (deleted > 0)
        {
            _deleted.Add(deleted, new KeyValuePair<string, object?>(UploadMetrics.SinkAttribute, _sink.Name));
            InsightsLog.RawReportsExpired(_logger, deleted, cutoff, _sink.Name, retention);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RawReportRetention is null || _sink is not IStoredReportSource)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.RetentionInterval);
        do
        {
            try
            {
                await SweepAsync(TimeProvider.System.GetUtcNow(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                InsightsLog.RetentionFailed(_logger, exception, _sink.Name, _options.RetentionInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
