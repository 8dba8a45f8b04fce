using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmtpGen.Server;

/// <summary>Runs an <see cref="SmtpListener"/> for as long as the host runs; registered by <c>AddSmtpServer</c> (<see cref="SmtpServerServiceCollectionExtensions"/>).</summary>
public sealed class SmtpServerHostedService : IHostedService, IAsyncDisposable
{
    private readonly SmtpListener _listener;

    /// <summary>Creates the listener from the services the host provides.</summary>
    /// <param name="options">The server's settings.</param>
    /// <param name="store">Where messages go.</param>
    /// <param name="policy">Who and what to accept.</param>
    /// <param name="loggerFactory">Where to log.</param>
    /// <param name="metrics">The server's counters.</param>
    public SmtpServerHostedService(IOptions<SmtpServerOptions> options, IMessageStore store, SmtpPolicy policy, ILoggerFactory loggerFactory, SmtpServerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _listener = new SmtpListener(options.Value, store, policy, loggerFactory, metrics);
    }

    /// <summary>The running server, e.g. to read the port it listens on.</summary>
    public SmtpListener Listener => _listener;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => _listener.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
