using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Text;
using SmtpGen.Captures;
using SmtpGen.Smtp;
using Verb = SmtpGen.Smtp.SmtpProtocol.Verb;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    /// <summary>RFC 4954 §4: a response of an authentication exchange may be 12,288 octets long, CRLF aside.</summary>
    private const int MaxAuthenticationLine = 12_288 + 2;

    /// <summary>The exchange under way, between AUTH and its 235 or refusal; null otherwise.</summary>
    private SaslExchange? _exchange;

    /// <summary>The mechanism of <see cref="_exchange"/>, for the log.</summary>
    private string _mechanism = "";

    /// <summary>The client's response that <see cref="StepAuthenticationAsync"/> hands to the exchange; null for an AUTH without an initial response.</summary>
    private byte[]? _saslResponse;

    /// <summary>Whether the exchange has taken its first step.</summary>
    private bool _exchangeStarted;

    private int _authenticationFailures;

    /// <summary>MAIL's AUTH= of the open transaction (RFC 4954 §5), decoded; null when it had none.</summary>
    private string? _submitter;

    /// <summary>AUTH (RFC 4954 §4): a mechanism the server offers, and its initial response decoded, start an exchange.</summary>
    private Step Authenticate(SmtpProtocol.Command command)
    {
        string mechanism = Encoding.ASCII.GetString(command.Mechanism).ToUpperInvariant();
        if (_options.Authentication is not { } settings || SaslExchange.Create(mechanism, settings) is not { } exchange)
        {
            Error(SmtpProtocol.Reply.UnknownMechanism);
            return Step.Continue;
        }

        byte[]? initialResponse = null;
        if (command.HasInitialResponse && (initialResponse = Decode(command.InitialResponse)) is null)
        {
            Error(SmtpProtocol.Reply.CannotDecodeResponse);
            return Step.Continue;
        }

        (_exchange, _mechanism, _exchangeStarted, _saslResponse) = (exchange, mechanism, false, initialResponse);
        _pending = Pending.Authenticate;
        return Step.Await;
    }

    /// <summary>
    /// A line of the client's during an exchange: its response in base64, or "*", which cancels the exchange (501). A
    /// line longer than the exchange allows ends it with 500 5.5.6, and the rest of the line is dropped.
    /// </summary>
    private Step ProcessAuthenticationResponse(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        switch (LineFramer.TryReadLine(ref reader, MaxAuthenticationLine, out ReadOnlySequence<byte> line))
        {
            case LineFrame.Complete:
                buffer = buffer.Slice(reader.Position);
                break;
            case LineFrame.TooLong:
                EndExchange(Mode.SkippingLongLine);
                Error(SmtpProtocol.Reply.AuthenticationLineTooLong);
                return Step.Continue;
            default:
                return Step.NeedMoreData;
        }

        byte[] octets = line.Slice(0, line.Length - 2).ToArray();
        if (octets is [(byte)'*'])
        {
            EndExchange(Mode.Commands);
            Refuse(SmtpProtocol.Reply.AuthenticationCancelled);
            return Step.Continue;
        }

        if ((_saslResponse = octets.Length == 0 ? [] : Decode(octets)) is null)
        {
            EndExchange(Mode.Commands);
            Error(SmtpProtocol.Reply.CannotDecodeResponse);
            return Step.Continue;
        }

        _mode = Mode.Commands;
        _pending = Pending.Authenticate;
        return Step.Await;
    }

    /// <summary>Hands the client's response to the exchange, and answers with its challenge (334), 235, or a refusal.</summary>
    private async ValueTask StepAuthenticationAsync()
    {
        SaslExchange exchange = _exchange!;
        SaslStep step;
        CancellationToken deadline = default;
        try
        {
            // A user store or a token validator may block: the exchange runs on the thread pool.
            await OffSocketThread.MoveAsync();
            deadline = StartHookDeadline();
            step = _exchangeStarted
                ? await exchange.ContinueAsync(_saslResponse!, deadline).ConfigureAwait(false)
                : await exchange.StartAsync(_saslResponse, deadline).ConfigureAwait(false);
            _exchangeStarted = true;
        }
        catch (Exception exception) when (!IsStop(exception))
        {
            // The user store or the token validator failed, or did not answer in time: the client may try again later (454).
            if (TimedOut(exception, deadline))
            {
                Log.HookTimedOut(_logger, _options.PolicyTimeout, SmtpProtocol.GetReplyCode(SmtpProtocol.Reply.AuthenticationUnavailable));
            }
            else
            {
                Log.AuthenticationUnavailable(_logger, _mechanism, exception);
            }

            EndExchange(Mode.Commands);
            Refuse(SmtpProtocol.Reply.AuthenticationUnavailable);
            return;
        }
        finally
        {
            _deadline.Stop();
        }

        switch (step.Kind)
        {
            case SaslStepKind.Challenge:
                WriteChallenge(step.Challenge!);
                _mode = Mode.Authenticating;
                break;
            case SaslStepKind.Succeeded:
                EndExchange(Mode.Commands);
                Info.AuthenticatedUser = step.Identity;
                Answer(Verb.Auth, SmtpProtocol.Reply.AuthenticationSucceeded);
                Log.Authenticated(_logger, step.Identity!, _mechanism);
                break;
            default:
                EndExchange(Mode.Commands);
                await FailAuthenticationAsync(exchange.UserName).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// A failed attempt: 535 after a delay that grows with each failure of the session, and after the last failure the
    /// settings allow, 421 and the end of the session. Logged as a warning with the name the client gave, as shown safely
    /// (a name is the client's text, and may hold a line break), and the client's address.
    /// </summary>
    private async ValueTask FailAuthenticationAsync(string? userName)
    {
        SmtpAuthenticationOptions settings = _options.Authentication!;
        _authenticationFailures++;
        string user = userName is null ? "(no user name)" : $"'{ShownLine.Of(userName)}'";
        Log.AuthenticationFailed(_logger, user, _mechanism, (Info.RemoteEndPoint as IPEndPoint)?.Address, _authenticationFailures);
        await Task.Delay(TimerSpan.Of(settings.FailureDelay, _authenticationFailures), _stopping).ConfigureAwait(false);
        if (_authenticationFailures >= settings.MaxFailures)
        {
            _resources.Metrics.Rejected(421);
            Close(SmtpProtocol.Reply.TooManyAuthenticationFailures);
            return;
        }

        Refuse(SmtpProtocol.Reply.AuthenticationFailed);
    }

    /// <summary>334 and the challenge in base64; "334 " for an empty one (RFC 4954 §4).</summary>
    private void WriteChallenge(byte[] challenge)
    {
        if (challenge.Length == 0)
        {
            Reply(SmtpProtocol.Reply.AuthenticationContinue);
            return;
        }

        byte[] encoded = new byte[Base64.GetMaxEncodedToUtf8Length(challenge.Length)];
        Base64.EncodeToUtf8(challenge, encoded, out _, out int written);
        SmtpProtocol.WriteAuthenticationChallengeReply(_output, encoded.AsSpan(0, written));
    }

    private void EndExchange(Mode next)
    {
        (_exchange, _saslResponse, _exchangeStarted) = (null, null, false);
        _mode = next;
    }

    /// <summary>A response decoded from base64 as RFC 4954 §4 asks (strictly); null when it does not decode.</summary>
    private static byte[]? Decode(ReadOnlySpan<byte> response)
    {
        byte[] decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(response.Length)];
        return SaslResponse.TryDecode(response, decoded, out int written) ? decoded[..written] : null;
    }

    /// <summary>
    /// MAIL's AUTH= (RFC 4954 §5): the submitter's mailbox in xtext, or <c>&lt;&gt;</c>. A client that has not
    /// authenticated cannot vouch for anyone, so from it the parameter counts as <c>&lt;&gt;</c>.
    /// </summary>
    /// <returns>The submitter; null when the value is neither a mailbox nor <c>&lt;&gt;</c>.</returns>
    private string? ReadSubmitter(ReadOnlySpan<byte> xtext)
    {
        Span<byte> decoded = stackalloc byte[xtext.Length];
        ReadOnlySpan<byte> mailbox = decoded[..Xtext.Decode(xtext, decoded)];
        int position = 0;
        bool valid = mailbox.SequenceEqual("<>"u8) || (Mailbox.TryScan(mailbox, ref position, out _) && position == mailbox.Length);
        return !valid ? null : Info.IsAuthenticated ? Encoding.UTF8.GetString(mailbox) : "<>";
    }
}
