using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
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
    private readonly ClientAddressLimits _addressLimits;
    private readonly ILogger _logger;

    /// <summary>The counters this server made for itself (none was given), which it disposes of with itself.</summary>
    private readonly SmtpServerMetrics? _ownMetrics;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancels the store's work on the messages still being received or committed: once a stop's grace period is over.</summary>
    private readonly CancellationTokenSource _abandoning = new();

    /// <summary>
    /// The accept loop and the connections it took that are not over yet (served or refused): the stop waits until there
    /// are none, which <see cref="_allEnded"/> then tells. A count, not a set of tasks, so that a connection costs no
    /// entry and no continuation.
    /// </summary>
    private int _unfinished = 1;
    private readonly TaskCompletionSource _allEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _idPrefix = Random.Shared.Next(0x1000, 0x10000).ToString("x4", CultureInfo.InvariantCulture);
    private Socket? _socket;

    /// <summary>The end point bound by <see cref="Start"/>, kept for <see cref="LocalEndPoint"/> once the socket is closed.</summary>
    private IPEndPoint? _localEndPoint;

    /// <summary>Times out the sessions' waits for their clients; made by <see cref="Start"/>.</summary>
    private Heartbeat? _heartbeat;
    private Task? _accepting;
    private IdleMemoryRelease? _memoryRelease;
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);
    private long _sessionCount;
    private int _activeSessions;

    /// <summary>Creates a server; <see cref="Start"/> makes it listen.</summary>
    /// <param name="options">Where to listen and the limits; checked and copied here, with their AUTH settings, so that changing them later changes nothing of this server.</param>
    /// <param name="store">Where accepted messages go.</param>
    /// <param name="policy">Who and what to accept; everything when null.</param>
    /// <param name="loggerFactory">Where to log; nowhere when null.</param>
    /// <param name="metrics">The counters to update; a meter of its own when null.</param>
    public SmtpListener(SmtpServerOptions options, IMessageStore store, SmtpPolicy? policy = null, ILoggerFactory? loggerFactory = null, SmtpServerMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        options = options.Copy();
        options.Validate();
        _ownMetrics = metrics is null ? new SmtpServerMetrics() : null;
        _resources = new SessionResources(options, store, policy ?? SmtpPolicy.AcceptAll, metrics ?? _ownMetrics!, (envelope, id, location) => MessageStored?.Invoke(this, new MessageStoredEventArgs(envelope, id, location)));
        _addressLimits = new ClientAddressLimits(options);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SmtpListener>();
        if (_resources.Certificate is { } certificate)
        {
            WarnOfCertificatesNotSent(certificate, options.CertificateChain);
        }
    }

    /// <summary>Raised after a message was committed to the store, before its 250 is sent.</summary>
    /// <remarks>
    /// Its handlers run on the session's thread, which with inline socket completions may be the socket engine's, shared
    /// with other connections: keep them short, and hand anything slow to a queue of your own.
    /// </remarks>
    public event EventHandler<MessageStoredEventArgs>? MessageStored;

    /// <summary>
    /// The end point the server listens on (with the port the system chose for port 0); null before <see cref="Start"/>,
    /// and still the one it listened on after <see cref="StopAsync"/>.
    /// </summary>
    public IPEndPoint? LocalEndPoint => _localEndPoint;

    /// <summary>
    /// The certificate the next TLS handshakes present, with the intermediate authorities they send
    /// (<see cref="SslStreamCertificateContext.IntermediateCertificates"/>: those of the chain built from it, without the
    /// root); null when the server offers no TLS.
    /// </summary>
    public SslStreamCertificateContext? CertificateContext => _resources.Certificate;

    /// <summary>
    /// Presents <paramref name="certificate"/>, with the intermediate authorities of <paramref name="chain"/>, in every TLS
    /// handshake from now on, in place of <see cref="SmtpServerOptions.Certificate"/> (or the last one given here): a
    /// renewed certificate, without a restart. Sessions already secured, or in their handshake, keep the one they have.
    /// </summary>
    /// <param name="certificate">The new certificate, with its private key.</param>
    /// <param name="chain">Its intermediate authorities, as <see cref="SmtpServerOptions.CertificateChain"/>; none when null.</param>
    /// <exception cref="ArgumentException"><paramref name="certificate"/> has no private key.</exception>
    /// <exception cref="InvalidOperationException">
    /// The server was made without a certificate: it offers no TLS, and a certificate given later cannot change what its
    /// replies to EHLO have said.
    /// </exception>
    public void ReplaceCertificate(X509Certificate2 certificate, X509Certificate2Collection? chain = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"'{certificate.Subject}' has no private key, which a TLS server needs.", nameof(certificate));
        }

        if (_resources.Certificate is null)
        {
            throw new InvalidOperationException("The server was made without a certificate (SmtpServerOptions.Certificate), so it offers no TLS.");
        }

        var context = SslStreamCertificateContext.Create(certificate, chain);
        _resources.ReplaceCertificate(context);
        WarnOfCertificatesNotSent(context, chain);
    }

    /// <summary>Warns of each certificate given as the chain that the handshakes do not send (<see cref="CertificateChainCheck"/>).</summary>
    private void WarnOfCertificatesNotSent(SslStreamCertificateContext context, X509Certificate2Collection? chain)
    {
        foreach (X509Certificate2 certificate in CertificateChainCheck.NotSent(context, chain))
        {
            Log.CertificateNotSent(_logger, certificate.Subject, certificate.SerialNumber, context.TargetCertificate.Subject);
        }
    }

    /// <summary>Binds the end point and starts accepting connections.</summary>
    /// <exception cref="InvalidOperationException">The server was started (or stopped) already.</exception>
    /// <exception cref="SocketException">The end point cannot be bound (e.g. the port is in use).</exception>
    public void Start()
    {
        if (_socket is not null || _stopping.IsCancellationRequested)
        {
            throw new InvalidOperationException("The server was started already; a server runs once.");
        }

        IPEndPoint endPoint = _resources.Options.EndPoint;
        Socket socket;
        try
        {
            // "::" is every interface, IPv4's too (dual stack), as Kestrel and Postfix take it; where another socket has
            // the port on IPv4 already (a listener of its own on 0.0.0.0), IPv6's alone, as before dual stack.
            socket = Bind(endPoint, dualStack: endPoint.Address.Equals(IPAddress.IPv6Any));
        }
        catch (SocketException taken) when (taken.SocketErrorCode == SocketError.AddressAlreadyInUse && endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            socket = Bind(endPoint, dualStack: false);
        }

        _socket = socket;
        _localEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _heartbeat = new Heartbeat(Heartbeat.PeriodFor(_resources.Options));
        Log.Listening(_logger, _localEndPoint);
        if (_resources.Options.ReleaseMemoryWhenIdleFor > TimeSpan.Zero)
        {
            _memoryRelease = new IdleMemoryRelease(_resources.Options.ReleaseMemoryWhenIdleFor, () => (Interlocked.Read(ref _sessionCount), Volatile.Read(ref _activeSessions)), _logger);
        }

        _accepting = AcceptAsync(socket);
    }

    /// <summary>A socket bound to <paramref name="endPoint"/> and listening; IPv4's clients too on an IPv6 one when <paramref name="dualStack"/>.</summary>
    private static Socket Bind(IPEndPoint endPoint, bool dualStack)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (dualStack)
            {
                socket.DualMode = true;
            }

            socket.Bind(endPoint);
            socket.Listen(512);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops accepting connections and ends every session with 421 (§3.8), then waits for them. A message in the middle
    /// of its data is not stored (the store's writer is disposed, which leaves nothing of it); a message whose data has
    /// ended and that the store is committing gets <see cref="SmtpServerOptions.StopGracePeriod"/> to be committed and
    /// answered 250 before its 421. SIGTERM, Ctrl+C and a host's stop all come here.
    /// </summary>
    /// <param name="cancellationToken">Ends the grace period at once and gives up waiting for the sessions.</param>
    /// <returns>A task that completes when every session has ended.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_stopping.IsCancellationRequested)
        {
            // A listener that never listened (its start failed, or never came) has nothing to stop: no line says it does.
            if (_accepting is not null)
            {
                Log.Stopping(_logger, Volatile.Read(ref _activeSessions), _resources.Options.StopGracePeriod);
            }

            await _stopping.CancelAsync().ConfigureAwait(false);
            _socket?.Dispose();
            _memoryRelease?.Dispose();
            _abandoning.CancelAfter(TimerSpan.Of(_resources.Options.StopGracePeriod));
        }

        using CancellationTokenRegistration impatience = cancellationToken.Register(static abandoning => ((CancellationTokenSource)abandoning!).Cancel(), _abandoning);
        if (_accepting is not null)
        {
            await _accepting.WaitAsync(cancellationToken).ConfigureAwait(false);
            await _allEnded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops as <see cref="StopAsync"/> does, and waits for the sessions for as long as the stop's grace period and
    /// their closing take (a 421 sent to a client that does not read, and its side of the close, each waited for at most
    /// <see cref="SocketTransport.ClosingPatience"/>), with as long again to spare. A session that is still running then
    /// (a policy or store that ignores its cancellation token) is logged and left to end on its own: disposal does not
    /// wait for it, so that a host's shutdown (whose own timeout has ended its <see cref="StopAsync"/>) and the process
    /// can end; what the sessions use goes when the last one ends.
    /// </summary>
    /// <returns>A task that completes when the listener is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        using var patience = new CancellationTokenSource(TimerSpan.Of(_resources.Options.StopGracePeriod, 3 * SocketTransport.ClosingPatience));
        try
        {
            await StopAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            Log.SessionsLeftRunning(_logger, Volatile.Read(ref _activeSessions));
            _ = _allEnded.Task.ContinueWith(static (_, listener) => ((SmtpListener)listener!).ReleaseSessionResources(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        ReleaseSessionResources();
    }

    /// <summary>Disposes what the sessions use: the heartbeat that times them, the stop's tokens, the metrics of the listener's own.</summary>
    private void ReleaseSessionResources()
    {
        _heartbeat?.Dispose();
        _stopping.Dispose();
        _abandoning.Dispose();
        _ownMetrics?.Dispose();
    }

    private async Task AcceptAsync(Socket listener)
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (_stopping.IsCancellationRequested && exception is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }
                catch (SocketException exception)
                {
                    // A connection reset before it was accepted, or no file descriptor left (EMFILE): the server
                    // goes on listening, after a pause that lets other sessions end and give descriptors back.
                    Log.AcceptFailed(_logger, exception.SocketErrorCode);
                    await Task.Delay(AcceptRetryDelay, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                if (Admit(client, out ClientAddressLimits.Counter? addressCounter) is { } refusal)
                {
                    _resources.Metrics.Rejected(SmtpProtocol.GetReplyCode(refusal));
                    Interlocked.Increment(ref _unfinished);
                    _ = RefuseAsync(client, refusal, inPlaintext: !_resources.Options.ImplicitTls);
                    continue;
                }

                Interlocked.Increment(ref _unfinished);
                _ = ServeAsync(client, addressCounter);
            }
        }
        finally
        {
            Ended();
        }
    }

    /// <summary>
    /// Counts a new connection against the limits of its address and <see cref="SmtpServerOptions.MaxSessions"/>; returns the
    /// reply that refuses it, or null when it may start a session.
    /// </summary>
    private SmtpProtocol.Reply? Admit(Socket client, out ClientAddressLimits.Counter? addressCounter)
    {
        EndPoint? remote = ClientEndPoint.Of(client.RemoteEndPoint);
        switch (_addressLimits.Admit(remote, out addressCounter))
        {
            case ClientAddressAdmission.TooManySessions:
                Log.TooManySessionsFromAddress(_logger, remote!, _resources.Options.MaxSessionsPerAddress);
                return SmtpProtocol.Reply.TooManyConnectionsFromAddress;
            case ClientAddressAdmission.TooManyConnections:
                Log.TooManyConnectionsFromAddress(_logger, remote!, _resources.Options.MaxConnectionRatePerAddress, _resources.Options.ConnectionRateInterval);
                return SmtpProtocol.Reply.TooManyConnectionsFromAddress;
        }

        if (Interlocked.Increment(ref _activeSessions) > _resources.Options.MaxSessions)
        {
            Interlocked.Decrement(ref _activeSessions);
            addressCounter?.SessionEnded();
            addressCounter = null;
            Log.TooManySessions(_logger, _resources.Options.MaxSessions);
            return SmtpProtocol.Reply.TooManySessions;
        }

        return null;
    }

    /// <summary>Counts the end of the accept loop or of a connection it took; the last one tells <see cref="StopAsync"/>.</summary>
    private void Ended()
    {
        if (Interlocked.Decrement(ref _unfinished) == 0)
        {
            _allEnded.TrySetResult();
        }
    }

    /// <summary>
    /// Answers a connection beyond a limit with its 421 and closes it; on an implicit-TLS port, where a client expects a
    /// handshake first and would take the reply for a broken one, only closes it.
    /// </summary>
    private async Task RefuseAsync(Socket client, SmtpProtocol.Reply refusal, bool inPlaintext)
    {
        try
        {
            await using var transport = new SocketTransport(client);
            if (!inPlaintext)
            {
                return;
            }

            transport.Output.Write(SmtpProtocol.GetReplyBytes(refusal));
            try
            {
                using var patience = new CancellationTokenSource(SocketTransport.ClosingPatience);
                await transport.Output.FlushAsync(patience.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                // The client left first, or does not read.
            }
        }
        catch (Exception exception)
        {
            Log.RefusalFailed(_logger, exception);
        }
        finally
        {
            Ended();
        }
    }

    /// <summary>
    /// Serves one connection, on the thread pool: the accept loop goes back to accepting at once. Starting the session on
    /// the accept loop's thread instead saved two thread switches a connection, but left closing sessions to pile up
    /// under a Maildir store (80 at once where 4 are now, thousands with inline completions, and the last one ended a
    /// third later: the starts on the socket thread delay the ends; benchmarks/e2e/README.md, "A connection a
    /// message"): not kept.
    /// </summary>
    private async Task ServeAsync(Socket client, ClientAddressLimits.Counter? addressCounter)
    {
        // Everything is inside the try, so that whatever fails is logged and the connection's slots are given back; the
        // scope ends last, so that the failure's log line is in it.
        IDisposable? scope = null;
        try
        {
            _resources.Metrics.SessionStarted();
            await Task.Yield();
            long number = Interlocked.Increment(ref _sessionCount);
            var info = new SmtpSessionInfo(string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}-{number}"), ClientEndPoint.Of(client.RemoteEndPoint));
            scope = _logger.BeginScope(new SessionLogScope(info.Id));
            Log.SessionStarted(_logger, info.RemoteEndPoint);
            await using var transport = new SocketTransport(client);
            using var deadline = new SessionDeadline(_heartbeat!, _stopping.Token);
            await new SmtpSession(info, _resources, transport, deadline, _logger, _stopping.Token, _abandoning.Token).RunAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.SessionFailed(_logger, exception);
        }
        finally
        {
            addressCounter?.SessionEnded();
            Interlocked.Decrement(ref _activeSessions);
            _resources.Metrics.SessionEnded();
            scope?.Dispose();
            Ended();
        }
    }
}

/// <summary>A message committed to the store.</summary>
/// <param name="envelope">The message's envelope.</param>
/// <param name="id">The id the store gave the message, which its 250 reply carries.</param>
/// <param name="location">Where the store put it (for the Maildir store, the file's path).</param>
public sealed class MessageStoredEventArgs(MessageEnvelope envelope, string id, string location) : EventArgs
{
    /// <summary>The message's envelope.</summary>
    public MessageEnvelope Envelope { get; } = envelope;

    /// <summary>The id the store gave the message (<see cref="IMessageWriter.Id"/>): the server's 250 reply says <c>queued as</c> it.</summary>
    public string Id { get; } = id;

    /// <summary>Where the store put the message.</summary>
    public string Location { get; } = location;
}
