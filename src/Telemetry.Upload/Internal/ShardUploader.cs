using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Telemetry.Buffer;

namespace Telemetry.Upload.Internal;

/// <summary>
/// Drains one buffer shard: claims entries of stopped uploaders, reads new ones without blocking, forms batches by
/// count, bytes and age, uploads them with retries, and acknowledges and deletes them only once the sink confirms.
/// </summary>
internal sealed partial class ShardUploader
{
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(5);

    private readonly int _shard;
    private readonly RedisKey _stream;
    private readonly RedisKey _stats;
    private readonly RedisKey _deadLetters;
    private readonly RedisKey _reportIds;
    private readonly BufferKeyspace _keys;
    private readonly StreamCommands _commands;
    private readonly IReportSink _sink;
    private readonly UploadOptions _options;
    private readonly UploadRateLimiter _limiter;
    private readonly UploadMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _consumer;
    private readonly TimeSpan _keepAliveInterval;
    private readonly TimeSpan _claimInterval;
    private readonly TimeSpan _orphanInterval;

    private readonly List<PendingEntry> _batch = [];
    private readonly Queue<PendingEntry> _carry = new();
    private long _batchBytes;
    private long _batchStarted;
    private string _claimCursor = "0-0";
    private long _nextClaim;
    private long _nextOrphanScan;

    public ShardUploader(int shard, BufferKeyspace keys, StreamCommands commands, IReportSink sink,
        UploadOptions options, UploadRateLimiter limiter, UploadMetrics metrics, ILogger logger, TimeProvider time, string consumer)
    {
        _shard = shard;
        _stream = keys.Stream(shard);
        _stats = keys.Stats(shard);
        _deadLetters = keys.DeadLetters(shard);
        _reportIds = keys.ReportIds(shard);
        _keys = keys;
        _commands = commands;
        _sink = sink;
        _options = options;
        _limiter = limiter;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _consumer = consumer;
        _keepAliveInterval = options.ClaimIdleTime / 3;
        _claimInterval = Clamp(options.ClaimIdleTime / 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(15));
        _orphanInterval = options.LeaseTime / 3;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Reads and uploads run on their own token, cancelled only ShutdownTimeout after the stop: cancelling a read
        // or an upload midway would drop entries Redis has already delivered to this consumer, leaving them pending
        // until claimed, where a graceful stop promises to upload and acknowledge the batches in hand.
        using var work = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var stopping = stoppingToken.Register(() => work.CancelAfter(_options.ShutdownTimeout));
        var poll = MinPollInterval;
        var failures = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        var groupReady = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await _commands.EnsureGroupAsync(_stream, stoppingToken);
                    groupReady = true;
                }

                var received = await FillAsync(work.Token);
                failures.Reset();
                if (ShouldFlush())
                {
                    await FlushAsync(work.Token);
                    poll = MinPollInterval;
                    continue;
                }

                if (received > 0)
                {
                    poll = MinPollInterval;
                    continue;
                }

                // Idle: back off (5 ms doubling up to MaxPollInterval) but never past the age deadline of the batch in hand.
                var wait = poll;
                if (_batch.Count > 0)
                {
                    var left = _options.BatchMaxAge - _time.GetElapsedTime(_batchStarted);
                    wait = Clamp(left, TimeSpan.FromMilliseconds(1), wait);
                }

                await Task.Delay(wait, _time, stoppingToken);
                poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, _options.MaxPollInterval.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (StreamCommands.IsNoGroup(exception))
            {
                // The group vanished (Redis restarted without its data, or the key was deleted): recreate it from the
                // stream's start; entries delivered twice are absorbed by the sinks' idempotency.
                UploadLog.GroupRecreated(_logger, (string)_stream!);
                groupReady = false;
                _claimCursor = "0-0";
            }
            catch (Exception exception) when (StreamCommands.IsTransient(exception))
            {
                var delay = failures.Next();
                UploadLog.RedisUnavailable(_logger, exception, _shard, delay);
                await DelayQuietlyAsync(delay, stoppingToken);
            }
            catch (Exception exception)
            {
                var delay = failures.Next();
                UploadLog.UnexpectedError(_logger, exception, _shard, delay);
                await DelayQuietlyAsync(delay, stoppingToken);
            }
        }

        await FlushOnShutdownAsync(work.Token);
    }

    // Graceful shutdown: upload and acknowledge what is in hand within the deadline; whatever is left stays pending
    // in Redis for another uploader to claim.
    private async Task FlushOnShutdownAsync(CancellationToken deadline)
    {
        await ReadOnShutdownAsync(deadline);
        if (_batch.Count + _carry.Count == 0)
        {
            return;
        }

        try
        {
            while (_batch.Count + _carry.Count > 0)
            {
                await FlushAsync(deadline);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException || StreamCommands.IsTransient(exception))
        {
            UploadLog.ShutdownFlushAbandoned(_logger, _batch.Count + _carry.Count, _shard);
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
