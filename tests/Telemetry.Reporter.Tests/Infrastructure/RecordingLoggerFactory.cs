using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Telemetry.Reporter.Tests.Infrastructure;

/// <summary>Keeps every log event's name and message, so tests can assert what was logged.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(string EventName, LogLevel Level, string Message)> Events { get; } = new();

    public IEnumerable<string> EventNames => Events.Select(e => e.EventName);

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(RecordingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Events.Enqueue((eventId.Name ?? string.Empty, logLevel, formatter(state, exception)));
    }
}
