using StackExchange.Redis;
using Telemetry.Ingestion.Buffering;

namespace Telemetry.Ingestion;

/// <summary>
/// Awaits a StackExchange.Redis call and turns every way it can fail for lack of Redis into
/// <see cref="BufferUnavailableException"/>. The call is bounded in time by the multiplexer's own asynchronous
/// timeout (<c>Redis:OperationTimeout</c>, which the timeout argument names in the message), checked on its
/// heartbeat: a timer per call of our own would cost more than the append it guards. A cancelled token abandons the
/// wait while the command may still run on the server.
/// </summary>
internal static class RedisCall
{
    public static async Task<T> RunAsync<T>(Task<T> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return cancellationToken.CanBeCanceled
                ? await call.WaitAsync(cancellationToken).ConfigureAwait(false)
                : await call.ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            Observe(call);
            throw new BufferUnavailableException($"Redis did not answer within {timeout}.", exception);
        }
        catch (RedisConnectionException exception)
        {
            throw new BufferUnavailableException("Redis is not connected: " + exception.Message, exception);
        }
        catch (RedisServerException exception) when (IsTransient(exception.Message))
        {
            throw new BufferUnavailableException("Redis refused the command: " + exception.Message, exception);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BufferUnavailableException("The Redis call was cancelled by the client library.");
        }
        catch (OperationCanceledException)
        {
            Observe(call);
            throw;
        }
    }

    /// <summary>Whether a server error means "try again later" rather than a bug: out of memory, loading, failover.</summary>
    public static bool IsTransient(string message) =>
        message.StartsWith("OOM", StringComparison.Ordinal)
        || message.StartsWith("LOADING", StringComparison.Ordinal)
        || message.StartsWith("READONLY", StringComparison.Ordinal)
        || message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
        || message.StartsWith("BUSY ", StringComparison.Ordinal)
        || message.Contains("NOSCRIPT", StringComparison.Ordinal);

    /// <summary>Whether a failure was Redis refusing writes for lack of memory (maxmemory with noeviction).</summary>
    public static bool IsOutOfMemory(Exception exception) =>
        exception.InnerException is RedisServerException server && server.Message.StartsWith("OOM", StringComparison.Ordinal);

    // An abandoned call may still fail later; observe it so the failure is not an unobserved task exception.
    private static void Observe(Task call) =>
        call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
