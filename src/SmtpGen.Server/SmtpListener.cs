using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>
/// An SMTP server: listens on an end point and serves each connection as an SMTP session, storing the
/// messages it accepts in an <see cref="IMessageStore"/>.
/// </summary>
/// <example>
/// <code>
/// await using var server = new SmtpListener(new SmtpServerOptions { EndPoint = new(IPAddress.Loopback, 2525) },
///     new MaildirMessageStore("mail"));
/// server.Start();
/// </code>
/// </example>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly SessionResources _resources;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _sessions = new();
    private readonly string _idPrefix = Random.Shared.Next(0x1000, 0x10000).ToString("x4", CultureInfo.InvariantCulture);
    private Socket? _socket;
    private Task? _accepting;
    private long _sessionCount;
    private int _activeSessions;

    /// <summary>Creates a server; <see cref="Start"/> makes it listen.</summary>
    /// <param name="options">Where to listen and the limits; checked here.</param>
    /// <param name="store">Where accepted messages go.</param>
    /// <param name="policy">Who and what to accept; everything when null.</param>
    /// <param name="loggerFactory">Where to log; nowhere when null.</param>
    /// <param name="metrics">The counters to update; a meter of its own when null.</param>
    public SmtpListener(SmtpServerOptions options, IMessageStore store, SmtpPolicy? policy = null, ILoggerFactory? loggerFactory = null, SmtpServerMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        options.Validate();
        _resources = new SessionResources(options, store, policy ?? SmtpPolicy.AcceptAll, metrics ?? new SmtpServerMetrics(), (envelope, location) => MessageStored?.Invoke(this, new MessageStoredEventArgs(envelope, location)));
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SmtpListener>();
    }

    /// <summary>Raised after a message was committed to the store, before its 250 is sent.</summary>
    public event EventHandler<MessageStoredEventArgs>? MessageStored;

    /// <summary>The end point the server listens on (with the port the system chose for port 0); null before <see cref="Start"/>.</summary>
    public IPEndPoint? LocalEndPoint => (IPEndPoint?)_socket?.LocalEndPoint;

    /// <summary>Binds the end point and starts accepting connections.</summary>
    /// <exception cref="InvalidOperationException">The server was started already.</exception>
    /// <exception cref="SocketException">The end point cannot be bound (e.g. the port is in use).</exception>
    public void Start()
    {
        if (_socket is not null)
        {
            throw new InvalidOperationException("The server was started already.");
        }

        IPEndPoint endPoint = _resources.Options.EndPoint;
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        Log.Listening(_logger, socket.LocalEndPoint!);
        _accepting = AcceptAsync(socket);
    }

    /// <summary>
    /// Stops accepting connections and ends every session with 421 (§3.8), then waits for them; a message in
    /// the middle of its data is not stored.
    /// </summary>
    /// <param name="cancellationToken">Gives up waiting for the sessions.</param>
    /// <returns>A task that completes when every session has ended.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        if (_accepting is not null)
        {
            await _accepting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(_sessions.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
            {
                return;
            }

            client.NoDelay = true;
            if (Interlocked.Increment(ref _activeSessions) > _resources.Options.MaxSessions)
            {
                Interlocked.Decrement(ref _activeSessions);
                Log.TooManySessions(_logger, _resources.Options.MaxSessions);
                _resources.Metrics.Rejected(421);
                _ = RefuseAsync(client);
                continue;
            }

            Task session = ServeAsync(client);
            _sessions.TryAdd(session, true);
            _ = session.ContinueWith(finished => _sessions.TryRemove(finished, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Answers a connection beyond <see cref="SmtpServerOptions.MaxSessions"/> with 421 and closes it.</summary>
    private static async Task RefuseAsync(Socket client)
    {
        using (client)
        {
            try
            {
                await client.SendAsync(SmtpProtocol.GetReplyBytes(SmtpProtocol.Reply.TooManySessions).ToArray()).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // The client left first.
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield();
        var info = new SmtpSessionInfo($"{_idPrefix}-{Interlocked.Increment(ref _sessionCount)}", client.RemoteEndPoint);
        using IDisposable? scope = _logger.BeginScope(new SessionLogScope(info.Id));
        _resources.Metrics.SessionStarted();
        Log.SessionStarted(_logger, info.RemoteEndPoint);
        var stream = new NetworkStream(client, ownsSocket: true);
        var transport = new SocketTransport(stream);
        try
        {
            await new SmtpSession(info, _resources, transport, _logger, _stopping.Token).RunAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.SessionFailed(_logger, exception);
        }
        finally
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            Interlocked.Decrement(ref _activeSessions);
            _resources.Metrics.SessionEnded();
        }
    }

    /// <summary>A connection's stream as a pair of pipes.</summary>
    private sealed class SocketTransport(NetworkStream stream) : IDuplexPipe, IAsyncDisposable
    {
        public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));

        public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));

        public async ValueTask DisposeAsync()
        {
            await Input.CompleteAsync().ConfigureAwait(false);
            await Output.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>A message committed to the store.</summary>
/// <param name="envelope">The message's envelope.</param>
/// <param name="location">Where the store put it (for the Maildir store, the file's path).</param>
public sealed class MessageStoredEventArgs(MessageEnvelope envelope, string location) : EventArgs
{
    /// <summary>The message's envelope.</summary>
    public MessageEnvelope Envelope { get; } = envelope;

    /// <summary>Where the store put the message.</summary>
    public string Location { get; } = location;
}
