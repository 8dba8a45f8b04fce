using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Client;

/// <summary>
/// An SMTP client (RFC 5321) on one connection: it reads the greeting, says EHLO (or HELO when the server does
/// not know EHLO), then sends any number of messages with <see cref="SendAsync(string, IEnumerable{string}, ReadOnlyMemory{byte}, CancellationToken)"/>
/// and ends with <see cref="QuitAsync"/>.
/// </summary>
/// <remarks>
/// Commands are written by SmtpGen's generated SMTP writers and replies read by its generated parser. One
/// operation at a time: the client is not safe for concurrent use. After a timeout, a cancellation, a broken
/// connection or a protocol violation the conversation is out of step and every later call throws
/// <see cref="InvalidOperationException"/>; connect again.
/// </remarks>
public sealed partial class SmtpClient : IAsyncDisposable
{
    /// <summary>How much mail data is sent in one write, each bounded by <see cref="SmtpClientOptions.DataBlockTimeout"/>.</summary>
    internal const int DataBlockSize = 64 * 1024;

    private readonly SmtpChannel _channel;
    private readonly SmtpClientOptions _options;

    /// <summary>The name the server's certificate must carry.</summary>
    private readonly string _tlsServerName;

    private SmtpClient(Stream stream, SmtpClientOptions options, string? host)
    {
        _options = options;
        _channel = new SmtpChannel(stream, options.Transcript);
        _tlsServerName = options.TlsServerName ?? host ?? "";
    }

    /// <summary>The server's 220 greeting.</summary>
    public SmtpReply Greeting { get; private set; } = null!;

    /// <summary>The extensions the server announced in its reply to EHLO (over TLS, the last one); none after a fallback to HELO.</summary>
    public SmtpCapabilities Capabilities { get; private set; } = SmtpCapabilities.None;

    /// <summary>Whether the conversation runs over TLS, after STARTTLS or from the start.</summary>
    public bool IsSecure => _channel.IsSecure;

    /// <summary>
    /// Whether the conversation can go on: false once an error ended it (a 421, the connection lost, a timeout, replies
    /// out of step, an LMTP result cut short), after which every call but <see cref="DisposeAsync"/> throws
    /// <see cref="InvalidOperationException"/>; connect again then.
    /// </summary>
    public bool CanSend => !_channel.IsBroken;

    /// <summary>Connects over TCP (with <c>TCP_NODELAY</c>), reads the greeting and says EHLO or HELO.</summary>
    /// <param name="host">The server's host name or address.</param>
    /// <param name="port">The server's port, e.g. 25 or 587.</param>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels the connection attempt and the greeting.</param>
    /// <returns>A client ready to send mail.</returns>
    /// <exception cref="SmtpCommandException">The server greeted with a refusal (e.g. 554) or refused EHLO and HELO.</exception>
    /// <exception cref="SmtpProtocolException">The server sent a malformed reply.</exception>
    /// <exception cref="TimeoutException">The server did not answer in time.</exception>
    /// <exception cref="AuthenticationException">
    /// TLS was required and the server does not offer it, the server's certificate is not trusted, or the AUTH exchange
    /// failed on the client's side (no mechanism to use, a server that asks for more than the mechanism has to say).
    /// </exception>
    /// <exception cref="SmtpCommandException">Also: TLS was required and the server refused STARTTLS (e.g. 454).</exception>
    public static async Task<SmtpClient> ConnectAsync(string host, int port, SmtpClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        options ??= SmtpClientOptions.Default;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimerSpan.Of(options.ConnectTimeout));
            try
            {
                await socket.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to {host}:{port} took longer than {options.ConnectTimeout}.");
            }
            catch (OperationCanceledException interrupted)
            {
                // The caller cancelled: its token, not the linked one, is the one the exception carries.
                throw new OperationCanceledException(interrupted.Message, interrupted, cancellationToken);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return await StartAsync(new SmtpClient(new NetworkStream(socket, ownsSocket: true), options, host), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a conversation over a connection already open: reads the greeting and says EHLO or HELO.</summary>
    /// <param name="stream">The connection; the client owns it from now on and disposes of it.</param>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels the greeting and EHLO.</param>
    /// <returns>A client ready to send mail.</returns>
    /// <exception cref="SmtpCommandException">The server greeted with a refusal (e.g. 554) or refused EHLO and HELO.</exception>
    /// <exception cref="SmtpProtocolException">The server sent a malformed reply.</exception>
    /// <exception cref="TimeoutException">The server did not answer in time.</exception>
    /// <exception cref="AuthenticationException">
    /// TLS was required and the server does not offer it, the server's certificate is not trusted, or the AUTH exchange
    /// failed on the client's side (no mechanism to use, a server that asks for more than the mechanism has to say).
    /// </exception>
    /// <exception cref="SmtpCommandException">Also: TLS was required and the server refused STARTTLS (e.g. 454).</exception>
    /// <exception cref="InvalidOperationException">
    /// TLS is to be used (<see cref="SmtpClientOptions.ImplicitTls"/>, or a server that offers STARTTLS and options that
    /// allow it) and <see cref="SmtpClientOptions.TlsServerName"/> is not set; found before STARTTLS is sent, and the connection is closed.
    /// Set it, or <see cref="SmtpClientOptions.StartTls"/> to <see cref="StartTlsMode.Never"/> for a plaintext conversation.
    /// </exception>
    public static Task<SmtpClient> ConnectAsync(Stream stream, SmtpClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return StartAsync(new SmtpClient(stream, options ?? SmtpClientOptions.Default, host: null), cancellationToken);
    }

    /// <summary>Reads the greeting and says hello on a new client's connection, which is closed if that fails.</summary>
    private static async Task<SmtpClient> StartAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.GreetAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Says QUIT, waits for the server's 221 and closes the connection, which is closed also when this throws.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The server's reply to QUIT.</returns>
    /// <exception cref="SmtpCommandException">The server replied to QUIT with something other than 2yz.</exception>
    /// <exception cref="SmtpProtocolException">The server sent a malformed reply or closed the connection first.</exception>
    /// <exception cref="TimeoutException">The server did not answer in time.</exception>
    /// <exception cref="InvalidOperationException">
    /// The conversation had ended already (a 421, a timeout, a cancellation, a broken connection): no QUIT is sent, and the
    /// connection is closed.
    /// </exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled: before the call, and then nothing is sent and the connection
    /// stays open (call again, or dispose of the client); or during the wait, and then the connection is closed.
    /// </exception>
    public async Task<SmtpReply> QuitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();   // cancelled before it began: nothing sent, the connection open
        SmtpReply reply;
        try
        {
            SmtpProtocol.WriteQuit(_channel.Commands);
            await _channel.SendCommandsAsync(_options.CommandTimeout, "QUIT", cancellationToken).ConfigureAwait(false);
            reply = await ReadReplyAsync(_options.CommandTimeout, "QUIT", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }

        return reply.IsPositiveCompletion ? reply : throw new SmtpCommandException("QUIT", reply);
    }

    /// <summary>Closes the connection without QUIT; call <see cref="QuitAsync"/> first to end the conversation politely.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public ValueTask DisposeAsync() => _channel.DisposeAsync();

    /// <summary>
    /// With implicit TLS, the handshake first; then the 220 greeting (RFC 5321 §3.1), EHLO (or HELO when EHLO gets
    /// 500 or 502, §3.2, or the options ask for HELO; over LMTP, LHLO), and STARTTLS as the options say.
    /// </summary>
    private async Task GreetAsync(CancellationToken cancellationToken)
    {
        if (_options.ImplicitTls)
        {
            await _channel.StartTlsAsync(TlsOptions(), _options.TlsHandshakeTimeout, cancellationToken).ConfigureAwait(false);
        }

        Greeting = await ReadReplyAsync(_options.GreetingTimeout, "the connection", cancellationToken).ConfigureAwait(false);
        if (Greeting.Code != 220)
        {
            if (Greeting.Code == 554)
            {
                await SayQuitAndLeaveAsync(cancellationToken).ConfigureAwait(false);
            }

            throw new SmtpCommandException("the connection", Greeting);
        }

        byte[] domain = Encoding.UTF8.GetBytes(_options.ClientDomain);
        try
        {
            await SayHelloAsync(domain, cancellationToken).ConfigureAwait(false);
            if (!IsSecure && _options.StartTlsOrDefault != StartTlsMode.Never)
            {
                await StartTlsAsync(domain, cancellationToken).ConfigureAwait(false);
            }

            if (_options.Credentials is not null || _options.BearerToken is not null)
            {
                await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception refusal) when (refusal is AuthenticationException or SmtpCommandException or SmtpProtocolException && !_channel.IsBroken)
        {
            // The client leaves a conversation still in step: its hello refused, TLS it requires and cannot have,
            // credentials it cannot use or that were refused, an AUTH challenge it could not read (cancelled with "*").
            await SayQuitAndLeaveAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Ends a conversation the client will not go on with, as RFC 5321 §4.1.1.10 has it end: with QUIT. A server that
    /// greets with 554 waits for it before it closes the connection (§3.1), and one the client leaves in step (its hello
    /// refused, TLS required and not to be had, credentials it cannot use or that were refused) is told so. The client
    /// does not wait for the 221: what made it leave is what it reports. A server that closed at once is no failure here.
    /// </summary>
    private async Task SayQuitAndLeaveAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;   // the caller gave up: nothing more is sent, nor shown in the transcript as sent
        }

        SmtpProtocol.WriteQuit(_channel.Commands);
        try
        {
            await _channel.SendCommandsAsync(_options.CommandTimeout, "QUIT", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // Best effort: gone already, the caller gave up, or a caller's stream that no longer writes. The connection is
            // closed next, and what made the client leave is what it reports.
        }
    }

    /// <summary>
    /// STARTTLS (RFC 3207 §4): on 220 the handshake, then EHLO again, since the server forgets what it was told in
    /// plaintext (§4.2) and may offer more over TLS. Opportunistically, a server that does not offer STARTTLS or
    /// refuses it is spoken to in plaintext; when TLS is required, that ends the conversation.
    /// </summary>
    private async Task StartTlsAsync(byte[] domain, CancellationToken cancellationToken)
    {
        bool required = _options.StartTlsOrDefault == StartTlsMode.Required;
        if (!Capabilities.StartTls)
        {
            if (required)
            {
                throw new AuthenticationException("The server does not offer STARTTLS, and the options require TLS.");
            }

            return;
        }

        // The name the certificate must carry is known before STARTTLS goes on the wire, or nothing is sent.
        SslClientAuthenticationOptions tls = TlsOptions();
        SmtpProtocol.WriteStartTls(_channel.Commands);
        await _channel.SendCommandsAsync(_options.CommandTimeout, "STARTTLS", cancellationToken).ConfigureAwait(false);
        SmtpReply reply = await ReadReplyAsync(_options.CommandTimeout, "STARTTLS", cancellationToken).ConfigureAwait(false);
        if (reply.Code != 220)
        {
            if (required)
            {
                throw new SmtpCommandException("STARTTLS", reply);
            }

            return;
        }

        await _channel.StartTlsAsync(tls, _options.TlsHandshakeTimeout, cancellationToken).ConfigureAwait(false);
        await SayHelloAsync(domain, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="InvalidOperationException">No name to check the certificate against: a stream given without <see cref="SmtpClientOptions.TlsServerName"/>.</exception>
    private SslClientAuthenticationOptions TlsOptions() => new()
    {
        TargetHost = _tlsServerName.Length > 0 ? _tlsServerName
            : throw new InvalidOperationException("TLS needs the name the server's certificate must carry: set SmtpClientOptions.TlsServerName when connecting over a stream."),
        RemoteCertificateValidationCallback = _options.ServerCertificateValidation,
        CertificateChainPolicy = _options.ServerCertificateChainPolicy,
    };

    /// <summary>EHLO, or HELO when EHLO gets 500 or 502 (§3.2) or the options ask for HELO; over LMTP, LHLO.</summary>
    private async Task SayHelloAsync(byte[] domain, CancellationToken cancellationToken)
    {
        Capabilities = SmtpCapabilities.None;
        if (_options.Lmtp)
        {
            // RFC 2033 §4.1: LHLO, answered as EHLO is; an LMTP server has no HELO to fall back to.
            LmtpProtocol.WriteLhlo(_channel.Commands, domain);
            await _channel.SendCommandsAsync(_options.CommandTimeout, "LHLO", cancellationToken).ConfigureAwait(false);
            SmtpReply lhlo = await ReadReplyAsync(_options.CommandTimeout, "LHLO", cancellationToken).ConfigureAwait(false);
            Capabilities = lhlo.IsPositiveCompletion ? SmtpCapabilities.FromEhloReply(lhlo) : throw new SmtpCommandException("LHLO", lhlo);
            return;
        }

        if (_options.UseEhlo)
        {
            SmtpProtocol.WriteEhlo(_channel.Commands, domain);
            await _channel.SendCommandsAsync(_options.CommandTimeout, "EHLO", cancellationToken).ConfigureAwait(false);
            SmtpReply ehlo = await ReadReplyAsync(_options.CommandTimeout, "EHLO", cancellationToken).ConfigureAwait(false);
            if (ehlo.IsPositiveCompletion)
            {
                Capabilities = SmtpCapabilities.FromEhloReply(ehlo);
                return;
            }

            if (ehlo.Code.Value is not (500 or 502))
            {
                throw new SmtpCommandException("EHLO", ehlo);
            }
        }

        SmtpProtocol.WriteHelo(_channel.Commands, domain);
        await _channel.SendCommandsAsync(_options.CommandTimeout, "HELO", cancellationToken).ConfigureAwait(false);
        SmtpReply helo = await ReadReplyAsync(_options.CommandTimeout, "HELO", cancellationToken).ConfigureAwait(false);
        if (!helo.IsPositiveCompletion)
        {
            throw new SmtpCommandException("HELO", helo);
        }
    }

    /// <summary>
    /// Reads a reply and decodes it. A 421 (RFC 5321 §3.8: the server is closing the connection) ends the
    /// conversation here, whatever the command.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SmtpReply> ReadReplyAsync(TimeSpan timeout, string command, CancellationToken cancellationToken)
    {
        await ReadCodeAsync(timeout, command, cancellationToken).ConfigureAwait(false);
        return _channel.Replies.ToReply();
    }
}
