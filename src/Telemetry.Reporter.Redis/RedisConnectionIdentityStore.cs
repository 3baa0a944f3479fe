using StackExchange.Redis;
using Telemetry.Reporter.Identity;

namespace Telemetry.Reporter.Redis;

/// <summary>
/// Connects to Redis on first use and then reads the cluster seed through a <see cref="RedisInstanceIdentityStore"/>,
/// so that a reporter that is disabled or not yet started opens no connection.
/// </summary>
internal sealed class RedisConnectionIdentityStore : IInstanceIdentityStore, IAsyncDisposable
{
    private readonly string _configuration;
    private readonly string _key;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectionMultiplexer? _connection;
    private RedisInstanceIdentityStore? _store;

    public RedisConnectionIdentityStore(string configuration, string key, TimeProvider timeProvider)
    {
        _configuration = configuration;
        _key = key;
        _timeProvider = timeProvider;
    }

    public async Task<InstallationIdentity> GetOrCreateAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_store is null)
            {
                var options = ConfigurationOptions.Parse(_configuration);
                options.AbortOnConnectFail = false;
                _connection = await ConnectionMultiplexer.ConnectAsync(options)
                    .WaitAsync(TimeSpan.FromSeconds(10), cancellationToken)
                    .ConfigureAwait(false);
                _store = new RedisInstanceIdentityStore(_connection, _key, _timeProvider);
            }
        }
        finally
        {
            _gate.Release();
        }

        return await _store.GetOrCreateAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            _connection.Dispose();
        }

        _gate.Dispose();
    }
}
