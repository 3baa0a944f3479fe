using Telemetry.Reporter.Building;
using Telemetry.Reporter.Identity;

namespace Telemetry.Reporter;

public sealed partial class TelemetryReporter
{
    /// <summary>Returns the anonymized report the next send would carry, without changing any metric.</summary>
    /// <param name="cancellationToken">Cancels resolving the identity.</param>
    /// <returns>
    /// The preview. When reporting is disabled it is built all the same, under a temporary identity that is never
    /// stored, and <see cref="ReportPreview.WillBeSent"/> is <see langword="false"/>.
    /// </returns>
    public async Task<ReportPreview> PreviewAsync(CancellationToken cancellationToken = default)
    {
        if (!Consent.Enabled)
        {
            // Nothing may be created or stored while reporting is off, so the preview gets an identity of its own.
            var temporary = _previewIdentity ??= EphemeralInstanceIdentityStore.Create(_timeProvider.GetUtcNow());
            var (unsent, _) = _builder.Value.Build(temporary, FirstSlot(temporary, _timeProvider.GetUtcNow()), _nextReportId, commit: false);
            return new ReportPreview(unsent, Consent.Reason);
        }

        var notSent = _options.DryRun ? "configuration: DryRun=true" : null;
        var identity = await GetIdentityAsync(cancellationToken).ConfigureAwait(false);
        if (_queue.PeekNext() is { } pending)
        {
            return new ReportPreview(pending.Report, notSent);
        }

        DateTimeOffset slot;
        string reportId;
        lock (_stateLock)
        {
            slot = _nextSlot ?? FirstSlot(identity, _timeProvider.GetUtcNow());
            reportId = _nextReportId;
        }

        var (report, _) = _builder.Value.Build(identity, slot, reportId, commit: false);
        return new ReportPreview(report, notSent);
    }

    /// <summary>
    /// Returns the preview at one of Qdrant's detail levels (<c>details_level</c>): the report the next send would
    /// carry, with only what that level shows. Levels apply to Qdrant reports, the only payload that has them.
    /// </summary>
    /// <param name="detailsLevel">
    /// 0 or more: 0 shows the instance and the counts, 1 adds configuration and statistics, 2 the collections, 3 and
    /// above the whole report, as <see cref="PreviewAsync(CancellationToken)"/> does.
    /// </param>
    /// <param name="cancellationToken">Cancels resolving the identity.</param>
    /// <returns>The preview; <see cref="ReportPreview.DetailsLevel"/> is <paramref name="detailsLevel"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="detailsLevel"/> is negative.</exception>
    /// <exception cref="ArgumentException">The reporter's product is not Qdrant, whose payload alone has levels.</exception>
    public async Task<ReportPreview> PreviewAsync(int detailsLevel, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(detailsLevel);
        if (_options.Product != "qdrant")
        {
            throw new ArgumentException(
                $"Detail levels apply to Qdrant reports only; {_options.Product} reports have none.", nameof(detailsLevel));
        }

        var preview = await PreviewAsync(cancellationToken).ConfigureAwait(false);
        var report = preview.Report;
        QdrantDetailsLevels.Trim(report.Qdrant, detailsLevel);
        return new ReportPreview(report, preview.NotSentReason, detailsLevel);
    }
}
