using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Telemetry.Server.Diagnostics;

/// <summary>
/// Follows the Redis connection of the buffer through the multiplexer's <c>ConnectionFailed</c> and
/// <c>ConnectionRestored</c> events, so health answers NOT_SERVING the moment a connection breaks: the multiplexer
/// can still report itself connected for a while after Redis died, and gRPC health Watch otherwise learns of it only
/// at the next periodic publication (<see cref="HealthCheckPublisherOptions.Period"/>). On a failure it runs the
/// health checks at once and hands the report to every publisher, the gRPC health service's among them.
/// </summary>
internal sealed partial class BufferConnectionMonitor : IHostedService
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IServiceProvider _services;
    private readonly ILogger<BufferConnectionMonitor> _logger;
    private readonly ConcurrentDictionary<EndPoint, byte> _failed = new();

    public BufferConnectionMonitor(IConnectionMultiplexer redis, IServiceProvider services, ILogger<BufferConnectionMonitor> logger)
    {
        _redis = redis;
        _services = services;
        _logger = logger;
        // Subscribed at construction, not at start, so a failure during start-up is not missed.
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;
    }

    /// <summary>Whether every Redis endpoint of the buffer is connected.</summary>
    public bool IsConnected => _failed.IsEmpty && _redis.IsConnected;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
        return Task.CompletedTask;
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs args)
    {
        // Only the connection that carries commands matters to the buffer; the pub/sub one is not used.
        if (args.ConnectionType != ConnectionType.Interactive || args.EndPoint is null || !_failed.TryAdd(args.EndPoint, 0))
        {
            return;
        }

        _ = PublishNowAsync();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs args)
    {
        // Coming back is published by the periodic publisher: the other checks must pass too before SERVING.
        if (args.ConnectionType == ConnectionType.Interactive && args.EndPoint is not null)
        {
            _failed.TryRemove(args.EndPoint, out _);
        }
    }

    private async Task PublishNowAsync()
    {
        try
        {
            var report = await _services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            foreach (var publisher in _services.GetServices<IHealthCheckPublisher>())
            {
                await publisher.PublishAsync(report, CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The periodic publisher still publishes; this one was only early.
            LogPublishFailed(exception);
        }
    }

    [LoggerMessage(EventId = 5002, EventName = "EarlyHealthPublishFailed", Level = LogLevel.Warning,
        Message = "Health could not be published at once after the Redis connection failed; the periodic publication follows")]
    private partial void LogPublishFailed(Exception exception);
}
