using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Telemetry.Upload.Internal;

/// <summary>
/// The lease key of one uploader instance: renewed every third of <see cref="UploadOptions.LeaseTime"/> while the
/// uploader runs and deleted when it stops, so the other uploaders (or this process after a restart, under a new
/// consumer name) claim the reports it left pending after a lease rather than after the claim idle time.
/// </summary>
internal sealed class UploaderLease(StreamCommands commands, RedisKey key, TimeSpan duration, TimeProvider time, ILogger logger)
{
    /// <summary>Renews the lease until <paramref name="cancellationToken"/> fires; a failed renewal is retried at the next turn.</summary>
    public async Task KeepAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await commands.RenewLeaseAsync(key, duration, cancellationToken);
            }
            catch (Exception exception) when (StreamCommands.IsTransient(exception))
            {
                UploadLog.LeaseRenewalFailed(logger, exception);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(duration / 3, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Deletes the lease after a graceful stop; if Redis is away, it expires by itself.</summary>
    public async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(duration, time);
        try
        {
            await commands.ReleaseLeaseAsync(key, timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException || StreamCommands.IsTransient(exception))
        {
            UploadLog.LeaseRenewalFailed(logger, exception);
        }
    }
}
