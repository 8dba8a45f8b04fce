using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>Keeps every log entry's level and message with the session id of its scope, for tests to look at.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(LogLevel Level, string Message, string? SessionId)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

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
            provider.Entries.Enqueue((logLevel, formatter(state, exception), sessionId));
        }
    }
}
