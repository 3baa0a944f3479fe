namespace Telemetry.Upload.Internal;

// Waiting for the upload rate limit.
internal sealed partial class ShardUploader
{
    private async Task AcquireRateAsync(List<PendingEntry> entries, CancellationToken cancellationToken)
    {
        if (!_limiter.Enabled)
        {
            return;
        }

        var bytes = entries.Sum(e => e.Size);
        while (true)
        {
            var wait = await _limiter.TryAcquireAsync(bytes, cancellationToken);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await WaitKeepingAliveAsync(wait, entries, cancellationToken);
        }
    }
}
