using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Telemetry.Reporter.IntegrationTests.Infrastructure;

/// <summary>A logger factory that records the reporter's events and lets a test await the next one with a given name.</summary>
internal sealed class ReporterEvents : ILoggerFactory, ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEvent> _events = new();
    private readonly Lock _lock = new();
    private readonly List<(Func<LoggedEvent, bool> Match, TaskCompletionSource<LoggedEvent> Seen)> _waiters = [];
    private long _sequence;

    public IReadOnlyCollection<LoggedEvent> All => _events.ToArray();

    /// <summary>Completes with the first event, already logged or to come, that matches.</summary>
    public Task<LoggedEvent> WaitForAsync(Func<LoggedEvent, bool> match, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource<LoggedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_events.FirstOrDefault(match) is { } logged)
            {
                return Task.FromResult(logged);
            }

            _waiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(cancellationToken);
    }

    public Task<LoggedEvent> WaitForAsync(string name, CancellationToken cancellationToken) =>
        WaitForAsync(e => e.Name == name, cancellationToken);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Record(LoggedEvent logged)
    {
        lock (_lock)
        {
            _events.Enqueue(logged);
            foreach (var waiter in _waiters.Where(w => w.Match(logged)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult(logged);
            }
        }
    }

    /// <summary>One logged event, with its structured values.</summary>
    internal sealed record LoggedEvent(long Sequence, string Name, string Message, IReadOnlyDictionary<string, object?> Values);

    private sealed class Logger(ReporterEvents owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : [];
            owner.Record(new LoggedEvent(Interlocked.Increment(ref owner._sequence), eventId.Name ?? string.Empty, formatter(state, exception), values));
        }
    }
}
