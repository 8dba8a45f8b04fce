using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>Records every log entry, with its level, its exception and the session id of its scope.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>One log entry as the server wrote it.</summary>
    public sealed record Entry(LogLevel Level, string Message, Exception? Exception, string? SessionId);

    private sealed class Logger(RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? sessionId = null;
            provider._scopes.ForEachScope(
                (scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                    {
                        sessionId ??= pairs.FirstOrDefault(p => p.Key == "SessionId").Value as string;
                    }
                },
                (object?)null);
            provider.Entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception, sessionId));
        }
    }
}
