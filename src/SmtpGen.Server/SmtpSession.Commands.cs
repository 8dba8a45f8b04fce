using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using SmtpGen.Smtp;
using Verb = SmtpGen.Smtp.SmtpProtocol.Verb;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    /// <summary>
    /// A copy of a command line that arrived in more than one buffer segment, made the first time one does (seldom: most
    /// lines end well inside a read), so that a session that never needs it does not carry it.
    /// </summary>
    private byte[]? _lineCopy;

    /// <summary>The work a command left for <see cref="RunPendingAsync"/>.</summary>
    private Pending _pending;

    /// <summary>The sender of the open transaction; null when none is open.</summary>
    private string? _reversePath;

    /// <summary>Whether MAIL asked for SMTPUTF8 (RFC 6531), which allows UTF-8 mailboxes.</summary>
    private bool _utf8Transaction;

    /// <summary>MAIL's <c>BODY=</c> in upper case (one of the definition's values, made a string once), or null when not given; <c>BINARYMIME</c> allows BDAT only.</summary>
    private string? _body;

    private readonly List<string> _recipients = [];

    /// <summary>The mailbox that MAIL or RCPT names, kept while a policy decides on it.</summary>
    private string _pendingPath = "";

    /// <summary>The sender the last MAIL named, as a string: a session's sender is mostly the same from one message to the next.</summary>
    private string _lastSender = "";

    private enum Pending
    {
        None,
        CheckSender,
        CheckRecipient,
        BeginData,
        StoreData,
        Authenticate,
        BeginChunks,
        StoreChunk,
    }

    /// <summary>What the reply to EHLO holds besides the two names: <c>250-</c>, <c> Hello </c> and CRLF.</summary>
    private const int HelloReplyOverhead = 4 + 7 + 2;

    /// <summary>The most of an unparsed line's first word a refusal's log shows: any verb of ours, and then some.</summary>
    private const int MaxShownVerb = 16;

    /// <summary>The extensions the server offers now: over TLS, or before it.</summary>
    private SmtpProtocol.Extensions Offered => Info.IsSecure ? _resources.SecureOffered : _resources.Offered;

    /// <summary>Whether the server offers SMTPUTF8 now: a mailbox beyond ASCII without it gets RFC 6531 §3.5's X.6.7, else 553 5.1.3.</summary>
    private bool OffersUtf8 => Offered.Has(SmtpProtocol.Extension.SmtpUtf8);

    /// <summary>Whether replies carry enhanced status codes: to a client that said EHLO, when the server offers them (RFC 2034).</summary>
    private bool Enhanced => Info.IsExtended && _options.Extensions.Has(SmtpProtocol.Extension.EnhancedStatusCodes);

    /// <summary>The reply to a line the parser refused as <paramref name="status"/> says.</summary>
    private static SmtpProtocol.Reply RefusalOf(CommandStatus status) => status switch
    {
        CommandStatus.UnknownVerb => SmtpProtocol.Reply.CommandUnrecognized,
        CommandStatus.LineTooLong => SmtpProtocol.Reply.LineTooLong,
        CommandStatus.BadLineEnding => SmtpProtocol.Reply.BadLineEnding,
        _ => SmtpProtocol.Reply.SyntaxErrorInArguments,
    };

    /// <summary>
    /// How a refusal's log names a line that did not parse (an unknown verb, an extension's command, a malformed or
    /// over-long line): its first word, up to SP or ':', at most 16 octets, in capitals as SMTP's verbs are named
    /// (<c>rcpt</c> is <c>RCPT</c>), shown as <see cref="ShownLine"/> shows a peer's text; <c>(no verb)</c> for a line
    /// without one. Null when the log would not show it.
    /// </summary>
    private string? NameOfUnparsed(ReadOnlySpan<byte> line)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return null;
        }

        int end = line.IndexOfAny(" :\r\n"u8);
        ReadOnlySpan<byte> word = end < 0 ? line : line[..end];
        if (word.IsEmpty)
        {
            return "(no verb)";
        }

        Span<byte> name = stackalloc byte[MaxShownVerb];
        int length = Math.Min(word.Length, MaxShownVerb);
        for (int i = 0; i < length; i++)
        {
            name[i] = word[i] is >= (byte)'a' and <= (byte)'z' ? (byte)(word[i] - 'a' + 'A') : word[i];
        }

        return ShownLine.Of(name[..length]);
    }

    /// <summary><see cref="NameOfUnparsed(ReadOnlySpan{byte})"/> of input whose first octets may lie in more than one segment.</summary>
    private string? NameOfUnparsed(ReadOnlySequence<byte> input)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return null;
        }

        Span<byte> start = stackalloc byte[MaxShownVerb];
        int length = (int)Math.Min(input.Length, MaxShownVerb);
        input.Slice(0, length).CopyTo(start);
        return NameOfUnparsed(start[..length]);
    }

    private Step HandleCommand(ReadOnlySequence<byte> line)
    {
        ReadOnlySpan<byte> span;
        if (line.IsSingleSegment)
        {
            span = line.FirstSpan;
        }
        else
        {
            _lineCopy ??= new byte[SmtpProtocol.LongestCommandLine];
            line.CopyTo(_lineCopy);
            span = _lineCopy.AsSpan(0, (int)line.Length);
        }

        CommandStatus status = SmtpProtocol.TryParseCommand(span, out SmtpProtocol.Command command);
        _command = status == CommandStatus.Ok ? SmtpProtocol.GetVerbName(command.Verb) : NameOfUnparsed(span);
        if (status == CommandStatus.Ok && command.Verb == Verb.Bdat)
        {
            // Its octets follow the line whatever becomes of it: BDAT reads them before it answers, refused or not.
            return Chunk(command, ChunkRefusal());
        }

        _afterFailedChunk = false;
        if (status is not (CommandStatus.Ok or CommandStatus.UnknownVerb) && ChunkLines.IsChunkLine(span))
        {
            // A BDAT line that does not parse, is too long or badly ended: its octets are dropped if their count can be
            // read, else the session ends, since where the next command starts is not known (octets of a chunk must
            // never be taken for commands).
            return DropChunk(span, RefusalOf(status));
        }

        if (_options.Commands is { } handler && !_clientRefused
            && (status is CommandStatus.UnknownVerb or CommandStatus.SyntaxError || (status == CommandStatus.Ok && handler.TakesOver(command.Verb))))
        {
            // A definition that extends SMTP: what SMTP does not know, or what the extension removes or replaces, is the
            // handler's; so is a line SMTP finds malformed, which may be a command the extension removed (LMTP's HELO).
            if (!handler.TryHandle(span, _context ??= new SmtpCommandContext(this)))
            {
                Error(SmtpProtocol.Reply.CommandUnrecognized);
            }

            return Step.Continue;
        }

        if (status != CommandStatus.Ok)
        {
            Error(status == CommandStatus.SyntaxError && PathRefusal.Of(span) is { } badPath ? badPath : RefusalOf(status));
            return Step.Continue;
        }

        if (_clientRefused)
        {
            if (command.Verb == Verb.Quit)
            {
                Close(SmtpProtocol.Reply.Closing);
            }
            else
            {
                Error(SmtpProtocol.Reply.BadSequence);
            }

            return Step.Continue;
        }

        if ((command.Verb == Verb.StartTls && Info.IsSecure) || (command.Verb == Verb.Auth && Info.IsAuthenticated))
        {
            // RFC 3207 §4.2: TLS is on already; RFC 4954 §4: the client is authenticated already.
            Error(SmtpProtocol.Reply.BadSequence);
            return Step.Continue;
        }

        if (!SmtpProtocol.IsOffered(command.Verb, Offered))
        {
            // The command of an extension the server does not offer (§4.2.4: 502); AUTH over plaintext, where it is
            // offered over TLS only, gets RFC 4954 §6's 538.
            Error(command.Verb == Verb.Auth && _resources.SecureOffered.Has(SmtpProtocol.Extension.Auth)
                ? SmtpProtocol.Reply.EncryptionRequired
                : SmtpProtocol.Reply.CommandNotImplemented);
            return Step.Continue;
        }

        if (!SmtpProtocol.IsOffered(command.Verb, SmtpProtocol.Extensions.None) && !Info.IsExtended)
        {
            // An extension's command from a client that said HELO, which knows of no extension (RFC 5321 §3.2).
            Error(SmtpProtocol.Reply.BadSequence);
            return Step.Continue;
        }

        if (!IsAllowed(command.Verb) || (_chunking && command.Verb is Verb.Rcpt or Verb.Data) || (command.Verb == Verb.Data && _body == BinaryMime))
        {
            // §3.3; RFC 3030 §2: a transaction that began with BDAT takes no more recipients, and no DATA; §3: nor does
            // one whose MAIL said BODY=BINARYMIME.
            Error(SmtpProtocol.Reply.BadSequence);
            return Step.Continue;
        }

        switch (command.Verb)
        {
            case Verb.Ehlo or Verb.Helo:
                Advance(command.Verb, Hello(command.Domain, extended: command.Verb == Verb.Ehlo).Code.Value);
                return Step.Continue;
            case Verb.Mail:
                return Mail(command);
            case Verb.Rcpt:
                return Recipient(command);
            case Verb.Data:
                _pending = Pending.BeginData;
                return Step.Await;
            case Verb.Rset:
                ResetTransaction();
                Answer(Verb.Rset, SmtpProtocol.Reply.Ok);
                return Step.Continue;
            case Verb.Noop:
                Reply(SmtpProtocol.Reply.Ok);
                return Step.Continue;
            case Verb.Help:
                Reply(SmtpProtocol.Reply.Help);
                return Step.Continue;
            case Verb.Vrfy:
                // §3.5.3: a server that does not verify says 252 and takes the message anyway.
                Reply(SmtpProtocol.Reply.CannotVerify);
                return Step.Continue;
            case Verb.Quit:
                Advance(Verb.Quit, 221);
                Close(SmtpProtocol.Reply.Closing);
                return Step.Continue;
            case Verb.StartTls:
                Answer(Verb.StartTls, SmtpProtocol.Reply.ReadyToStartTls);
                _mode = Mode.StartingTls;
                return Step.NeedMoreData;
            case Verb.Auth:
                return Authenticate(command);
            default:
                // EXPN, and any verb the definition gains before this server learns it (§4.2.4: 502).
                Refuse(SmtpProtocol.Reply.CommandNotImplemented);
                return Step.Continue;
        }
    }

    /// <summary>
    /// EHLO or HELO (§4.1.1.1), or LMTP's LHLO: names the client, clears any transaction, and for an extended hello
    /// lists the extensions. The caller moves the session along its state machine.
    /// </summary>
    internal SmtpResponse Hello(ReadOnlySpan<byte> domain, bool extended)
    {
        if (_resources.ServerName.Length + domain.Length + HelloReplyOverhead > SmtpProtocol.MaxReplyLine)
        {
            // Two names of 255 octets do not fit the reply's 512 (§4.5.3.1.5): the client's is refused, as its syntax would be.
            Error(SmtpProtocol.Reply.SyntaxErrorInArguments);
            return SmtpResponse.Written(501);
        }

        Info.HeloName = Encoding.UTF8.GetString(domain);
        Info.IsExtended = extended;
        ResetTransaction();

        // "250 <server> Hello <client>" (§4.1.1.1: the first word of the reply is the server's own name); after EHLO
        // the lines of the offered extensions follow.
        byte[] extensions = !extended ? [] : Info.IsSecure ? _resources.SecureExtensionLines : _resources.ExtensionLines;
        SmtpProtocol.WriteHelloReply(_output, _resources.ServerName, domain, more: extensions.Length > 0);
        _output.Write(extensions);
        return SmtpResponse.Written(250);
    }

    /// <summary>
    /// Starts the session over (XCLIENT): the client's hello and any transaction are forgotten and the server greets
    /// it again with 220. What a trusted proxy said of the client is then taken as the client's own: a hello name
    /// puts the session where that hello would (MAIL may follow), a user makes it authenticated.
    /// </summary>
    /// <param name="heloName">The name of the client's hello, or null when the client is to say hello again.</param>
    /// <param name="extended">Whether that hello was EHLO rather than HELO.</param>
    /// <param name="authenticatedUser">The user the client authenticated as, or null.</param>
    internal SmtpResponse Restart(string? heloName = null, bool extended = false, string? authenticatedUser = null)
    {
        StartOver();
        _state = SmtpProtocol.InitialState;
        if (heloName is not null)
        {
            Info.HeloName = heloName;
            Info.IsExtended = extended;
            Advance(extended ? Verb.Ehlo : Verb.Helo, 250);
        }

        Info.AuthenticatedUser = authenticatedUser;
        _output.Write(_resources.Greeting);
        return SmtpResponse.Written(220);
    }

    /// <summary>
    /// Forgets what the client said, as after STARTTLS (RFC 3207 §4.2) or XCLIENT: its hello, its authentication, and any
    /// transaction, whose open message goes at the end of the input at hand.
    /// </summary>
    private void StartOver()
    {
        Info.HeloName = null;
        Info.IsExtended = false;
        Info.AuthenticatedUser = null;
        ResetTransaction();
    }

    /// <summary>MAIL (§4.1.1.2): checks its parameters, then asks the policy about the sender.</summary>
    private Step Mail(SmtpProtocol.Command command)
    {
        if (command.HasParameters && !Info.IsExtended)
        {
            // Parameters are extensions, which only a client that said EHLO may use (§4.1.1.2, RFC 1869).
            RefuseParametersAfterHelo(command.Parameters);
            return Step.Continue;
        }

        if (_options.Authentication is { Required: true } && !Info.IsAuthenticated)
        {
            // RFC 4954 §6, RFC 6409 §4.3: a submission server takes mail from authenticated clients only.
            Refuse(SmtpProtocol.Reply.AuthenticationRequired);
            return Step.Continue;
        }

        // The parameters of the offered extensions, as the SMTP definition declares them, and the command handler's: another
        // is unknown (555), a malformed or repeated one a syntax error (501). BODY needs nothing: the message is stored as received.
        if (!TryReadParameters(Verb.Mail, SmtpProtocol.TryReadMailParameters, command.Parameters, recipient: null, out SmtpProtocol.MailParameters parameters))
        {
            return Step.Continue;
        }

        if (parameters.Size > _options.MaxMessageSize)
        {
            // RFC 1870 §6.1: a declared size beyond the limit is refused at once.
            Refuse(SmtpProtocol.Reply.MessageTooBig);
            return Step.Continue;
        }

        string? body = BodyName(parameters.Body);
        if (body == BinaryMime && !Offered.Has(SmtpProtocol.Extension.BinaryMime))
        {
            // RFC 3030 §3: BINARYMIME is a value of 8BITMIME's parameter that only a server offering it takes.
            Error(SmtpProtocol.Reply.ParametersNotRecognized);
            return Step.Continue;
        }

        bool utf8 = parameters.SmtpUtf8;
        if (!utf8 && !Ascii.IsValid(command.ReversePath))
        {
            // RFC 6531 §3.4: a UTF-8 mailbox needs the SMTPUTF8 parameter; §3.5 says how a server that offers it refuses one.
            Error(OffersUtf8 ? SmtpProtocol.Reply.NonAsciiSenderNotPermitted : SmtpProtocol.Reply.MailboxNameNotAllowed);
            return Step.Continue;
        }

        string? submitter = null;
        if (!parameters.Submitter.IsEmpty && (submitter = ReadSubmitter(parameters.Submitter)) is null)
        {
            Error(SmtpProtocol.Reply.SyntaxErrorInArguments);
            return Step.Continue;
        }

        _submitter = submitter;
        if (!TryReadDeliveryStatus(parameters))
        {
            Error(SmtpProtocol.Reply.SyntaxErrorInArguments);
            return Step.Continue;
        }
        _utf8Transaction = utf8;
        _body = body;
        Info.DeclaredMessageSize = parameters.Size;
        _pendingPath = SenderOf(command.ReversePath);
        _pending = Pending.CheckSender;
        return Step.Await;
    }

    /// <summary>
    /// The sender as a string: the last MAIL's again when the octets are the same (ASCII), so that a session sending message
    /// after message from one sender makes its string once.
    /// </summary>
    private string SenderOf(ReadOnlySpan<byte> reversePath) =>
        Ascii.Equals(reversePath, _lastSender) ? _lastSender : _lastSender = Encoding.UTF8.GetString(reversePath);

    /// <summary>RCPT (§4.1.1.3): checks the recipient limit and parameters, then asks the policy about the recipient.</summary>
    private Step Recipient(SmtpProtocol.Command command)
    {
        if (_recipients.Count >= _options.MaxRecipients)
        {
            // §4.5.3.1.10: 452, and the client sends the rest in another transaction.
            Refuse(SmtpProtocol.Reply.TooManyRecipients);
            return Step.Continue;
        }

        if (command.HasParameters && !Info.IsExtended)
        {
            RefuseParametersAfterHelo(command.Parameters);
            return Step.Continue;
        }

        // SMTP's RCPT parameters are DSN's (RFC 3461 §4): NOTIFY and ORCPT; others are the command handler's, which name
        // their recipient.
        string recipient = Encoding.UTF8.GetString(command.ForwardPath);
        if (!TryReadParameters(Verb.Rcpt, SmtpProtocol.TryReadRcptParameters, command.Parameters, recipient, out SmtpProtocol.RcptParameters parameters))
        {
            return Step.Continue;
        }

        if (!TryReadNotification(parameters))
        {
            Error(SmtpProtocol.Reply.SyntaxErrorInArguments);
            return Step.Continue;
        }

        if (!_utf8Transaction && !Ascii.IsValid(command.ForwardPath))
        {
            Error(OffersUtf8 ? SmtpProtocol.Reply.NonAsciiRecipientNotPermitted : SmtpProtocol.Reply.MailboxNameNotAllowed);
            return Step.Continue;
        }

        _pendingPath = recipient;
        _pending = Pending.CheckRecipient;
        return Step.Await;
    }

    /// <summary>Does the work a command left: asks the policy, opens the message in the store, or stores data.</summary>
    private async ValueTask RunPendingAsync()
    {
        Pending pending = _pending;
        _pending = Pending.None;
        switch (pending)
        {
            case Pending.CheckSender:
                SmtpResponse sender = await AskPolicyAsync(static (policy, session, cancellationToken) =>
                    policy.AcceptSenderAsync(session.Info, session._pendingPath, session._pendingParameters, cancellationToken)).ConfigureAwait(false);
                if (Answer(Verb.Mail, _pendingPath, sender, SmtpProtocol.Reply.SenderOk))
                {
                    _reversePath = _pendingPath;
                    KeepPendingParameters();
                }
                else
                {
                    Info.DeclaredMessageSize = null;   // no transaction began
                }

                break;
            case Pending.CheckRecipient:
                SmtpResponse recipient = await AskPolicyAsync(static (policy, session, cancellationToken) =>
                    policy.AcceptRecipientAsync(session.Info, session._reversePath!, session._pendingPath, session._pendingParameters, cancellationToken)).ConfigureAwait(false);
                if (Answer(Verb.Rcpt, _pendingPath, recipient, SmtpProtocol.Reply.RecipientOk))
                {
                    _recipients.Add(_pendingPath);
                    _notifications.Add(PendingNotification(_pendingPath));
                    KeepPendingParameters();
                }

                break;
            case Pending.BeginData:
                await BeginDataAsync().ConfigureAwait(false);
                break;
            case Pending.StoreData:
                await StoreDataAsync().ConfigureAwait(false);
                break;
            case Pending.Authenticate:
                await StepAuthenticationAsync().ConfigureAwait(false);
                break;
            case Pending.BeginChunks:
                await BeginChunksAsync().ConfigureAwait(false);
                break;
            case Pending.StoreChunk:
                await StoreChunkAsync().ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// A command handler threw: like a failing policy hook, that is a local error (451), and the session goes on. When
    /// the server already answered the command for the handler, the failure is only logged: one reply a command.
    /// </summary>
    internal void HandlerFailed(Exception exception, bool answered)
    {
        Log.CommandHandlerFailed(_logger, exception);
        if (!answered)
        {
            Refuse(SmtpProtocol.Reply.LocalError);
        }
    }

    /// <summary>
    /// Asks a policy hook; a hook that throws refuses with <paramref name="failure"/> (451, local error, unless the
    /// caller says otherwise), and the session goes on. So does one that answers what its command cannot take: a 3yz,
    /// or a 2yz where only a refusal is an answer (the greeting), and one that gives up when its token is cancelled at
    /// <see cref="SmtpServerOptions.PolicyTimeout"/>.
    /// </summary>
    /// <remarks>The hooks are static lambdas given the session and the token, so that asking allocates no closure.</remarks>
    private async ValueTask<SmtpResponse> AskPolicyAsync(
        Func<SmtpPolicy, SmtpSession, CancellationToken, ValueTask<SmtpResponse>> hook, bool mayAcceptInItsWords = true, SmtpProtocol.Reply failure = SmtpProtocol.Reply.LocalError)
    {
        SmtpResponse response;
        bool mayBlock = _resources.PolicyMayBlock;   // the default policy answers at once: no deadline to keep
        CancellationToken deadline = _stopping;
        try
        {
            await OffSocketThread.MoveAsync(needed: mayBlock);
            if (mayBlock)
            {
                deadline = StartHookDeadline();
            }

            response = await hook(_resources.Policy, this, deadline).ConfigureAwait(false);
        }
        catch (Exception exception) when (TimedOut(exception, deadline))
        {
            Log.HookTimedOut(_logger, _options.PolicyTimeout, SmtpProtocol.GetReplyCode(failure));
            return SmtpResponse.Refuse(failure);
        }
        catch (Exception exception) when (!IsStop(exception))
        {
            Log.PolicyFailed(_logger, exception);
            return SmtpResponse.Refuse(failure);
        }
        finally
        {
            if (mayBlock)
            {
                _deadline.Stop();
            }
        }

        int code = response.Code.Value;
        if (!response.IsAccepted && code < 400 && (code >= 300 || !mayAcceptInItsWords))
        {
            Log.PolicyFailed(_logger, new InvalidOperationException(
                $"The policy answered {code} {response.Text}: a hook answers Accept or a refusal (4yz, 5yz){(mayAcceptInItsWords ? ", or accepts with a 2yz" : "")}."));
            return SmtpResponse.Refuse(failure);
        }

        return response;
    }

    private void ResetTransaction()
    {
        _chunking = false;
        (_dsnReturn, _envelopeId) = (null, null);
        _notifications.Clear();
        _reversePath = null;
        _submitter = null;
        _utf8Transaction = false;
        _body = null;
        _recipients.Clear();
        _extensionParameters?.Clear();
        Info.DeclaredMessageSize = null;
    }

    /// <summary>
    /// MAIL's BODY values as the envelope keeps them, spelled as the SMTP definition's <c>{body:...}</c> choice spells
    /// them: made into strings once, so that a message takes one of these and allocates none.
    /// </summary>
    private static readonly string SevenBit = Encoding.ASCII.GetString(SmtpProtocol.BodyValues.SevenBit);

    /// <inheritdoc cref="SevenBit"/>
    private static readonly string EightBitMime = Encoding.ASCII.GetString(SmtpProtocol.BodyValues.EightBitMime);

    /// <inheritdoc cref="SevenBit"/>
    private static readonly string BinaryMime = Encoding.ASCII.GetString(SmtpProtocol.BodyValues.BinaryMime);

    /// <summary>The BODY value as the envelope keeps it, without allocating: the value in upper case, or null when not given.</summary>
    private static string? BodyName(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? null
        : Ascii.EqualsIgnoreCase(value, SmtpProtocol.BodyValues.BinaryMime) ? BinaryMime
        : Ascii.EqualsIgnoreCase(value, SmtpProtocol.BodyValues.EightBitMime) ? EightBitMime
        : SevenBit;
}
