using Telemetry.Reporter.Identity;

namespace Telemetry.Reporter.Redis;

/// <summary>Creates the Redis identity store that <see cref="IdentityStoreKind.Redis"/> names.</summary>
public static class RedisIdentityStores
{
    /// <summary>
    /// A store that connects to <see cref="TelemetryReporterOptions.RedisConfiguration"/> on first use (so a disabled
    /// reporter opens no connection) and reads the cluster seed at <see cref="TelemetryReporterOptions.RedisSeedKey"/>.
    /// </summary>
    /// <param name="options">The reporter's options.</param>
    /// <param name="timeProvider">The clock for the identity's creation time; defaults to the system clock.</param>
    /// <returns>
    /// The store, to pass to <see cref="TelemetryReporter.Create"/>. It implements <see cref="IAsyncDisposable"/>: its
    /// owner (a host's service container, or the caller) disposes it after the reporter, closing the connection.
    /// </returns>
    public static IInstanceIdentityStore FromOptions(TelemetryReporterOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RedisConnectionIdentityStore(options.RedisConfiguration ?? string.Empty, options.GetRedisSeedKey(), timeProvider ?? TimeProvider.System);
    }
}
