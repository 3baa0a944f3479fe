using System.Threading.Channels;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Telemetry.Grpc;

/// <summary>
/// The serving status of each service, as <c>grpc.health.v1.Health</c> reports it. The empty name stands for the
/// whole server and starts SERVING. On shutdown every status becomes NOT_SERVING, watchers are told, and later
/// changes are ignored.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class HealthStatusRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [string.Empty] = ServingStatus.Serving };
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _watchers = new(StringComparer.Ordinal);
    private bool _shutDown;
    private bool _attached;

    /// <summary>Sets the status of <paramref name="service"/> (exact name; "" for the whole server).</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (_shutDown)
            {
                return;
            }

            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Removes <paramref name="service"/>: Check answers NOT_FOUND, watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (!_shutDown && _statuses.Remove(service))
            {
                Notify(service, ServingStatus.ServiceUnknown);
            }
        }
    }

    /// <summary>The status of <paramref name="service"/>, if registered.</summary>
    public bool TryGetStatus(string service, out ServingStatus status)
    {
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    /// <summary>Sets every status to NOT_SERVING, tells the watchers, ends their streams and ignores later changes.</summary>
    public void Shutdown()
    {
        lock (_lock)
        {
            if (_shutDown)
            {
                return;
            }

            foreach (var service in _statuses.Keys.ToList())
            {
                _statuses[service] = ServingStatus.NotServing;
                Notify(service, ServingStatus.NotServing);
            }

            _shutDown = true;
            foreach (var channel in _watchers.Values.SelectMany(list => list))
            {
                channel.Writer.TryComplete();
            }
        }
    }

    /// <summary>Subscribes to the status of <paramref name="service"/>; the current status is delivered first.</summary>
    internal ChannelReader<ServingStatus> Watch(string service)
    {
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        lock (_lock)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var status) ? status : ServingStatus.ServiceUnknown);
            if (_shutDown)
            {
                channel.Writer.TryComplete();
                return channel.Reader;
            }

            if (!_watchers.TryGetValue(service, out var list))
            {
                _watchers[service] = list = [];
            }

            list.Add(channel);
        }

        return channel.Reader;
    }

    /// <summary>Ends a subscription made by <see cref="Watch"/>.</summary>
    internal void Unwatch(string service, ChannelReader<ServingStatus> reader)
    {
        lock (_lock)
        {
            if (_watchers.TryGetValue(service, out var list))
            {
                list.RemoveAll(channel => channel.Reader == reader);
                if (list.Count == 0)
                {
                    _watchers.Remove(service);
                }
            }
        }
    }

    internal void AttachToLifetime(IServiceProvider services)
    {
        lock (_lock)
        {
            if (_attached)
            {
                return;
            }

            _attached = true;
        }

        services.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(Shutdown);
    }

    private void Notify(string service, ServingStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var channel in list)
            {
                channel.Writer.TryWrite(status);
            }
        }
    }

    internal static HealthCheckResponse Response(ServingStatus status) => new() { Status = status };
}
