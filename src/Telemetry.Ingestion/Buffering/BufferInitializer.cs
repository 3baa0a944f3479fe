using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Telemetry.Ingestion.Buffering;

/// <summary>
/// Creates the shard streams and their consumer group at start. A Redis that is down at start does not stop the
/// service: the append script creates a missing stream together with its group.
/// </summary>
internal sealed partial class BufferInitializer : IHostedService
{
    private readonly IReportBuffer _buffer;
    private readonly ILogger<BufferInitializer> _logger;

    public BufferInitializer(IReportBuffer buffer, ILogger<BufferInitializer> logger)
    {
        _buffer = buffer;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _buffer.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BufferUnavailableException exception)
        {
            Log.InitializationDeferred(_logger, exception.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 2010, EventName = "BufferInitializationDeferred", Level = LogLevel.Warning,
            Message = "Redis is unavailable at start; the buffer streams will be created on first append: {Reason}")]
        public static partial void InitializationDeferred(ILogger logger, string reason);
    }
}
