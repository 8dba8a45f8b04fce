using System.Net.Sockets;
using SmtpGen.Client;

namespace SmtpGen.Server.Nats;

/// <summary>
/// Delivers the stream's messages to an LMTP server (RFC 2033: Dovecot's <c>lmtp</c>, Cyrus, or <c>smtpgen serve --lmtp</c>)
/// over one connection kept open between messages. LMTP answers for each recipient after the data, so the outcome is each
/// recipient's: 2yz delivered, 5yz refused for good, 4yz (or a connection lost before the replies) to be tried again.
/// The LMTP server makes the final delivery and adds its own <c>Return-Path:</c> (RFC 5321 §4.4), so the one the front
/// end put first in the message is taken off; its <c>Received:</c> header stays.
/// </summary>
/// <remarks>
/// LMTP has no message id to deliver by, so a delivery is at least once, not exactly once: were this process to die
/// between the server's replies and the stream's acknowledgement, the message would be delivered again.
/// </remarks>
public sealed class LmtpDeliveryTarget : IDeliveryTarget, IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly SmtpClientOptions _options;
    private SmtpClient? _client;
    private long _lastUsed;

    /// <summary>Delivers to the LMTP server at <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <param name="host">The server's name or address.</param>
    /// <param name="port">Its port.</param>
    /// <param name="options">The client's options (its name in LHLO, timeouts, TLS); <see cref="SmtpClientOptions.Lmtp"/> must be set. Default: LMTP with RFC 5321's timeouts.</param>
    /// <exception cref="ArgumentException">The options are not LMTP's.</exception>
    public LmtpDeliveryTarget(string host, int port, SmtpClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        _options = options ?? new SmtpClientOptions { Lmtp = true };
        if (!_options.Lmtp)
        {
            throw new ArgumentException("An LMTP delivery needs options with Lmtp set.", nameof(options));
        }

        (_host, _port) = (host, port);
    }

    /// <summary>
    /// How long the connection may stay unused before the next message opens a new one; servers close idle connections
    /// (Dovecot after five minutes), and a message sent into a closed one would wait for its next delivery. Default: 30 seconds.
    /// </summary>
    public TimeSpan IdleReconnect { get; init; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    public async ValueTask<DeliveryOutcome> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            SmtpClient client = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
            SmtpSendResult result = await client.SendAsync(
                message.ReversePath, message.Recipients, ReturnPathLine.Without(message.Octets), new SmtpSendOptions { SmtpUtf8 = message.SmtpUtf8 }, cancellationToken).ConfigureAwait(false);
            List<RecipientFailure> failures = Failures(result.Recipients);
            return new DeliveryOutcome(Written: failures.Count < message.Recipients.Count, failures);
        }
        catch (SmtpCommandException refused) when (refused.Recipients is { } recipients)
        {
            // No recipient took the message after its data: each answered for itself, some perhaps for good, others for now
            // (or not at all, the conversation ended first).
            return new DeliveryOutcome(Written: false, Failures(recipients));
        }
        catch (SmtpCommandException refused) when (!cancellationToken.IsCancellationRequested)
        {
            // MAIL, DATA or the data refused for every recipient at once.
            await DisconnectAsync().ConfigureAwait(false);
            return DeliveryOutcome.ToNone(message, $"{refused.Command}: {refused.Reply}", refused.Code.Class == ReplyClass.PermanentNegative);
        }
        catch (NotSupportedException unsupported)
        {
            // The message cannot go to this server as it is (a NUL octet, 8-bit octets without 8BITMIME, a UTF-8 address
            // without SMTPUTF8): nothing was sent, and sending again would not change that (RFC 6531's 553 5.6.7).
            return DeliveryOutcome.ToNone(message, unsupported.Message, permanent: true);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && IsPassing(failure))
        {
            await DisconnectAsync().ConfigureAwait(false);
            return DeliveryOutcome.ToNone(message, failure.Message, permanent: false);
        }
        catch
        {
            await DisconnectAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _lastUsed = Environment.TickCount64;
        }
    }

    /// <summary>The server, for a log line: <c>lmtp://HOST:PORT</c>.</summary>
    public override string ToString() => $"lmtp://{_host}:{_port}";

    /// <summary>Says QUIT on the connection, if one is open and its conversation goes on, waiting a second at most for the reply; then closes it.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            if (client.CanSend)
            {
                using var patience = new CancellationTokenSource(QuitPatience);
                try
                {
                    await client.QuitAsync(patience.Token).ConfigureAwait(false);
                }
                catch (Exception failure) when (IsPassing(failure) || failure is SmtpCommandException or OperationCanceledException)
                {
                    // Closing anyway: a server that does not answer QUIT at once (a connection half closed) is not waited for.
                }
            }

            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>How long QUIT may wait for its reply before the connection is closed without it.</summary>
    private static readonly TimeSpan QuitPatience = TimeSpan.FromSeconds(1);

    /// <summary>Each recipient the message did not reach, with the reply that refused it: to RCPT, or to the data.</summary>
    private static List<RecipientFailure> Failures(IReadOnlyList<SmtpRecipientResult> recipients)
    {
        List<RecipientFailure> failures = [];
        foreach (SmtpRecipientResult recipient in recipients)
        {
            if (!recipient.IsDelivered)
            {
                SmtpReply? reply = recipient.IsAccepted ? recipient.Delivery : recipient.Reply;
                failures.Add(reply is null
                    ? new RecipientFailure(recipient.Address, "no reply after the data: the conversation ended first", Permanent: false)
                    : new RecipientFailure(recipient.Address, reply.ToString(), reply.Code.Class == ReplyClass.PermanentNegative));
            }
        }

        return failures;
    }

    /// <summary>
    /// Failures that may pass: the server unreachable, the connection lost or timed out, a malformed reply.
    /// </summary>
    private static bool IsPassing(Exception failure) =>
        failure is IOException or SocketException or TimeoutException or SmtpProtocolException;

    private async ValueTask<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        // A connection idle too long, or one whose conversation ended (after some recipients' replies to the data, RFC 2033
        // §4.2: those delivered are done, the others come again), is replaced by a new one.
        if (_client is { } kept && (!kept.CanSend || Environment.TickCount64 - _lastUsed > IdleReconnect.TotalMilliseconds))
        {
            await DisposeAsync().ConfigureAwait(false);
        }

        return _client ??= await SmtpClient.ConnectAsync(_host, _port, _options, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DisconnectAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
