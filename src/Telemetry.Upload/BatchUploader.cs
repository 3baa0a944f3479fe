using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Upload.Internal;

namespace Telemetry.Upload;

/// <summary>
/// Drains every buffer shard to the configured sink, exactly once: batches by count, bytes and age, paces uploads
/// with a rate limit shared in Redis by every instance, acknowledges and removes reports only after the sink confirms,
/// retries with exponential back-off, moves reports that keep failing to the dead letters, and claims the pending
/// reports of uploaders that stopped: after <see cref="UploadOptions.LeaseTime"/> when their lease key has expired,
/// else after <see cref="UploadOptions.ClaimIdleTime"/>.
/// </summary>
/// <remarks>
/// Any number of instances may run at once, in one process or many: each has its own consumer name in the
/// <c>uploaders</c> group and one loop per shard. <see cref="RunAsync"/> returns after the stopping token fires and
/// the batches in hand are flushed (within <see cref="UploadOptions.ShutdownTimeout"/>).
/// </remarks>
public sealed class BatchUploader
{
    /// <summary>How long a consumer that holds nothing is kept in the group after its last read.</summary>
    private static readonly TimeSpan ConsumerRetention = TimeSpan.FromHours(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly IReportSink _sink;
    private readonly UploadOptions _options;
    private readonly UploadMetrics _metrics;
    private readonly ILogger<BatchUploader> _logger;
    private readonly TimeProvider _time;
    private readonly BufferKeyspace _keys;

    public BatchUploader(
        IConnectionMultiplexer redis,
        IReportSink sink,
        IOptions<UploadOptions> options,
        UploadMetrics metrics,
        ILogger<BatchUploader> logger,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _sink = sink;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _keys = new BufferKeyspace(_options.KeyPrefix, _options.Shards);
        ConsumerName = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^20];
    }

    /// <summary>This instance's consumer name in the <c>uploaders</c> group; unique per instance.</summary>
    public string ConsumerName { get; }

    /// <summary>Runs until <paramref name="stoppingToken"/> fires, then flushes the batches in hand and returns.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var commands = new StreamCommands(_redis);
        var limiter = new UploadRateLimiter(commands, _keys, _sink.Name, _options);
        var lease = new UploaderLease(commands, _keys.UploaderLease(ConsumerName), _options.LeaseTime, _time, _logger);
        using var leaseStop = new CancellationTokenSource();
        var leaseKept = lease.KeepAsync(leaseStop.Token);
        UploadLog.UploaderStarted(_logger, ConsumerName, _keys.Shards, _sink.Name);
        var loops = Enumerable.Range(0, _keys.Shards)
            .Select(shard => new ShardUploader(shard, _keys, commands, _sink, _options, limiter, _metrics, _logger, _time, ConsumerName))
            .Select(shard => Task.Run(() => shard.RunAsync(stoppingToken), CancellationToken.None))
            .Append(RefreshGaugesAsync(commands, stoppingToken))
            .ToArray();
        await Task.WhenAll(loops);

        // Kept until every shard has flushed, then released so that anything left pending is claimed at once.
        await leaseStop.CancelAsync();
        await leaseKept;
        await lease.ReleaseAsync();
        UploadLog.UploaderStopped(_logger, ConsumerName);
    }

    private async Task RefreshGaugesAsync(StreamCommands commands, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                for (var shard = 0; shard < _keys.Shards; shard++)
                {
                    var stream = _keys.Stream(shard);
                    var (lag, pending) = await commands.GroupInfoAsync(stream, stoppingToken);
                    var oldest = await commands.RangeAsync(stream, "-", "+", 1, stoppingToken);
                    TimeSpan? age = oldest.Count == 0 ? null
                        : _time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(oldest[0].IdMilliseconds);
                    _metrics.SetShard(shard, age, lag, pending);
                    await commands.RemoveIdleConsumersAsync(stream, ConsumerRetention, stoppingToken);
                }

                await Task.Delay(_options.MetricsInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                UploadLog.MetricsRefreshFailed(_logger, exception);
                try
                {
                    await Task.Delay(_options.MetricsInterval, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
