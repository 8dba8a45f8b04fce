namespace SmtpGen.Smtp;

/// <summary>
/// SMTP as RFC 5321 defines it: the commands of §4.1.1 with the syntax of §4.1.2, the order of §3.3 and
/// §4.1.4, and the replies of §4.2. SmtpGen generates from this definition the command parser
/// (<c>TryParseCommand</c>), the command writers (<c>WriteMail</c>, ...), the reply parser and the fixed
/// replies, and the session's state machine (<c>IsAllowed</c>, <c>Next</c>). A command without <c>In</c> may
/// come in every state but <see cref="State.Data"/> (DATA's intermediate state) and <see cref="State.Closed"/>.
/// </summary>
[LineProtocol("SMTP", MaxCommandLine = 512, MaxReplyLine = 512, EnhancedStatusCodes = true, TolerateTrailingWhiteSpace = true)]
public static partial class SmtpProtocol
{
    /// <summary>Where an SMTP session stands (RFC 5321 §3.3, §4.1.4).</summary>
    public enum State
    {
        /// <summary>The server has greeted the client (220); the client has yet to say EHLO or HELO.</summary>
        Connected,

        /// <summary>The client has said hello; no mail transaction is open.</summary>
        Ready,

        /// <summary>MAIL has opened a mail transaction; no recipient is accepted yet.</summary>
        Mail,

        /// <summary>At least one RCPT has been accepted.</summary>
        Recipients,

        /// <summary>DATA was answered 354: the client sends the message, ended by CRLF.CRLF (RFC 5321 §4.1.1.4).</summary>
        Data,

        /// <summary>QUIT was answered 221; the connection closes.</summary>
        [FinalState]
        Closed,
    }

    /// <summary>The commands of RFC 5321 §4.1.1.</summary>
    public enum Verb
    {
        /// <summary>§4.1.1.1: extended hello, <c>"EHLO" SP ( Domain / address-literal )</c>; clears any transaction.</summary>
        [Command("EHLO {domain:DomainOrAddressLiteral}", Then = State.Ready)]
        Ehlo,

        /// <summary>§4.1.1.1: hello, <c>"HELO" SP Domain</c>; clears any transaction. An address literal is accepted as for EHLO, since a client without a name sends one (§4.1.4).</summary>
        [Command("HELO {domain:DomainOrAddressLiteral}", Then = State.Ready)]
        Helo,

        /// <summary>§4.1.1.2: starts a mail transaction, <c>"MAIL FROM:" Reverse-path [SP Mail-parameters]</c>.</summary>
        [Command("MAIL FROM:{reversePath}[ {parameters}]", In = [State.Ready], Then = State.Mail)]
        Mail,

        /// <summary>§4.1.1.3: names a recipient, <c>"RCPT TO:" ( "&lt;Postmaster@" Domain "&gt;" / "&lt;Postmaster&gt;" / Forward-path ) [SP Rcpt-parameters]</c>.</summary>
        [Command("RCPT TO:{forwardPath}[ {parameters}]", In = [State.Mail, State.Recipients], Then = State.Recipients)]
        Rcpt,

        /// <summary>§4.1.1.4: the message follows after 354; the reply to its end closes the transaction.</summary>
        [Command("DATA", In = [State.Recipients], Intermediate = State.Data, Then = State.Ready)]
        Data,

        /// <summary>§4.1.1.5: aborts the mail transaction; before EHLO it changes nothing (§4.1.4).</summary>
        [Command("RSET", In = [State.Ready, State.Mail, State.Recipients], Then = State.Ready)]
        [Transition(In = [State.Connected])]
        Rset,

        /// <summary>§4.1.1.6: verifies a user or mailbox, <c>"VRFY" SP String</c>, or a mailbox as §3.5.3 asks servers to take.</summary>
        [Command("VRFY {userName}")]
        Vrfy,

        /// <summary>§4.1.1.7: expands a mailing list, <c>"EXPN" SP String</c>, or a mailbox as §3.5.3 asks servers to take.</summary>
        [Command("EXPN {userName}")]
        Expn,

        /// <summary>§4.1.1.8: asks for help, <c>"HELP" [ SP String ]</c>.</summary>
        [Command("HELP[ {argument:Word}]")]
        Help,

        /// <summary>§4.1.1.9: does nothing but answer 250, <c>"NOOP" [ SP String ]</c>.</summary>
        [Command("NOOP[ {argument:Word}]")]
        Noop,

        /// <summary>§4.1.1.10: ends the session; the server answers 221 and closes.</summary>
        [Command("QUIT", Then = State.Closed)]
        Quit,

        /// <summary>
        /// RFC 3207: starts TLS, <c>"STARTTLS"</c> with no argument, after EHLO and outside a mail transaction. After
        /// 220 and the handshake the session starts over: the client says EHLO again (§4.2).
        /// </summary>
        [Command("STARTTLS", In = [State.Ready], Then = State.Connected, Extension = Extension.StartTls)]
        StartTls,

        /// <summary>
        /// RFC 4954 §4: authenticates with a SASL mechanism, <c>"AUTH" SP sasl-mech [SP initial-response]</c>, after EHLO
        /// and outside a mail transaction. 334 challenges and the client's responses, one a line, follow; then 235 or a refusal.
        /// </summary>
        [Command("AUTH {mechanism:SaslMechanism}[ {initialResponse:SaslResponse}]", In = [State.Ready], Extension = Extension.Auth)]
        Auth,

        /// <summary>
        /// RFC 3030 §2: a chunk of the message, <c>"BDAT" SP chunk-size [SP end-marker]</c>: exactly chunk-size octets follow
        /// the line, as they are (no dot-stuffing). The chunk with LAST ends the message, and its 250 the transaction; a
        /// refused chunk ends the transaction too. A chunk before the last is answered without moving the state: the
        /// transaction goes on (<c>Next(state, command, ...)</c> reads that from the parsed command).
        /// </summary>
        [Command("BDAT {chunkSize:Octets}[ {last:Last=LAST}]", In = [State.Recipients], Then = State.Ready, Else = State.Ready, ThenOnlyWith = "last", Extension = Extension.Chunking)]
        Bdat,
    }

    /// <summary>
    /// The service extensions this definition knows (RFC 5321 §2.2), each with the line of the reply to EHLO that
    /// announces it and the MAIL and RCPT parameters it brings. A server chooses which it offers.
    /// </summary>
    public enum Extension
    {
        /// <summary>RFC 2920: commands may be sent in batches, which the server answers in order.</summary>
        [Extension("PIPELINING")]
        Pipelining,

        /// <summary>
        /// RFC 1870: the largest message the server takes (none named, or 0: no fixed limit); MAIL's <c>SIZE=</c> declares a
        /// message's size and makes its line up to 26 octets longer (§3 (5)).
        /// </summary>
        [Extension("SIZE[ {maxSize:Octets}]")]
        [Parameter("SIZE={size:Octets}", Of = [Verb.Mail], ExtendsLineBy = 26)]
        Size,

        /// <summary>
        /// RFC 6152: 8-bit message content, asked for by MAIL's <c>BODY=8BITMIME</c> (<c>BODY=7BIT</c> says there is none).
        /// RFC 3030 §3 adds <c>BODY=BINARYMIME</c>, which only a server that offers <see cref="BinaryMime"/> takes, and
        /// which makes MAIL's line up to 16 octets longer (§3 (8)).
        /// </summary>
        [Extension("8BITMIME")]
        [Parameter("BODY={body:SevenBit=7BIT|EightBitMime=8BITMIME|BinaryMime=BINARYMIME}", Of = [Verb.Mail], ExtendsLineBy = 16)]
        EightBitMime,

        /// <summary>RFC 6531: UTF-8 in mailboxes and headers, asked for by MAIL's <c>SMTPUTF8</c>, which makes its line up to 10 octets longer (§3.1 (5)).</summary>
        [Extension("SMTPUTF8")]
        [Parameter("SMTPUTF8", Of = [Verb.Mail], ExtendsLineBy = 10)]
        SmtpUtf8,

        /// <summary>RFC 2034: replies carry RFC 3463 enhanced status codes.</summary>
        [Extension("ENHANCEDSTATUSCODES")]
        EnhancedStatusCodes,

        /// <summary>RFC 3207: the client may secure the session with STARTTLS; a server offers it only before TLS.</summary>
        [Extension("STARTTLS")]
        StartTls,

        /// <summary>
        /// RFC 4954: the client may authenticate with one of the SASL mechanisms named; MAIL's <c>AUTH=</c> names, in xtext,
        /// the identity that submitted the message, or <c>&lt;&gt;</c> when it is not known (§5); it makes MAIL's line up to 500
        /// octets longer (§3 (5)).
        /// </summary>
        [Extension("AUTH {mechanisms:SaslMechanism...}")]
        [Parameter("AUTH={submitter:Xtext}", Of = [Verb.Mail], ExtendsLineBy = 500)]
        Auth,

        /// <summary>RFC 3030: the message may come in chunks of stated sizes with BDAT instead of DATA.</summary>
        [Extension("CHUNKING")]
        Chunking,

        /// <summary>
        /// RFC 3461: delivery status notifications. MAIL's <c>RET=</c> asks for the whole message or its headers in a
        /// notification and <c>ENVID=</c> names the envelope (xtext, at most 100 characters); RCPT's <c>NOTIFY=</c> says when
        /// to notify and <c>ORCPT=</c> names the original recipient. §5.4's sizes (RET 8, NOTIFY 28, ORCPT 500 characters,
        /// keyword included) and a space each lengthen the lines, RCPT's by 530 as §5.4 says; ENVID's 100 characters
        /// (§4.4) are taken as its value's, which the server accepts, so with its space and keyword 107.
        /// </summary>
        [Extension("DSN")]
        [Parameter("RET={ret:Full=FULL|Headers=HDRS}", Of = [Verb.Mail], ExtendsLineBy = 9)]
        [Parameter("ENVID={envelopeId:Xtext}", Of = [Verb.Mail], ExtendsLineBy = 107)]
        [Parameter("NOTIFY={notify:DsnNotify}", Of = [Verb.Rcpt], ExtendsLineBy = 29)]
        [Parameter("ORCPT={originalRecipient:OriginalRecipient}", Of = [Verb.Rcpt], ExtendsLineBy = 501)]
        Dsn,

        /// <summary>
        /// RFC 3030 §3: the message may be binary MIME, any octets, said by MAIL's <c>BODY=BINARYMIME</c> (a value of
        /// 8BITMIME's parameter) and sent with BDAT only: DATA after it gets 503. Offered only with <see cref="Chunking"/>.
        /// </summary>
        [Extension("BINARYMIME")]
        BinaryMime,
    }

    /// <summary>
    /// The replies of RFC 5321 §4.2.2–4.2.3, with the enhanced status codes of RFC 3463 that servers announcing
    /// ENHANCEDSTATUSCODES (RFC 2034) put before the text. The greeting and the answer to EHLO and HELO name the
    /// server (§4.1.1.1, §4.3.1), so they have writers of their own (<c>WriteServiceReadyReply</c>,
    /// <c>WriteHelloReply</c>); 221 and 421 are here without the name, which §4.2 leaves to the server.
    /// </summary>
    public enum Reply
    {
        /// <summary>211: system status, or system help reply.</summary>
        [Reply(211, "2.0.0", "System status")]
        SystemStatus,

        /// <summary>214: help message.</summary>
        [Reply(214, "2.0.0", "Help: see RFC 5321")]
        Help,

        /// <summary>220: service ready, the greeting, the server's name first (§4.3.1; RFC 2034 puts no enhanced code here).</summary>
        [Reply(220, "{domain:DomainOrAddressLiteral} Service ready")]
        ServiceReady,

        /// <summary>250 to EHLO or HELO: the server's name, then the client's (§4.1.1.1); after EHLO, the extensions' lines follow.</summary>
        [Reply(250, "{domain:DomainOrAddressLiteral} Hello {client:DomainOrAddressLiteral}")]
        Hello,

        /// <summary>220 to STARTTLS (RFC 3207 §4): the TLS handshake follows.</summary>
        [Reply(220, "2.0.0", "Ready to start TLS")]
        ReadyToStartTls,

        /// <summary>235 to AUTH: the client is authenticated (RFC 4954 §6).</summary>
        [Reply(235, "2.7.0", "Authentication successful")]
        AuthenticationSucceeded,

        /// <summary>334 to AUTH with an empty challenge: the client sends its response (RFC 4954 §4: "334 ").</summary>
        [Reply(334, "")]
        AuthenticationContinue,

        /// <summary>334 to AUTH with a challenge of the mechanism's, in base64 (RFC 4954 §4).</summary>
        [Reply(334, "{challenge:SaslResponse}")]
        AuthenticationChallenge,

        /// <summary>221: service closing transmission channel, the answer to QUIT.</summary>
        [Reply(221, "2.0.0", "Bye")]
        Closing,

        /// <summary>250: requested mail action okay, completed.</summary>
        [Reply(250, "2.0.0", "OK")]
        Ok,

        /// <summary>250 to MAIL: the sender is accepted.</summary>
        [Reply(250, "2.1.0", "OK")]
        SenderOk,

        /// <summary>250 to RCPT: the recipient is accepted.</summary>
        [Reply(250, "2.1.5", "OK")]
        RecipientOk,

        /// <summary>
        /// 250 to the end of the message data: the message is stored and the server is responsible for it (§4.2.5). The
        /// text names the id the store gave the message, as Postfix's "queued as" does, so that the client's 250 and the
        /// server's log line tell of the same message (a Maildir store's id is the message's file name).
        /// </summary>
        [Reply(250, "2.0.0", "OK: queued as {id:Printable}")]
        MessageAccepted,

        /// <summary>250 to a BDAT chunk before the last (RFC 3030 §2).</summary>
        [Reply(250, "2.0.0", "{octets:Octets} octets received")]
        ChunkReceived,

        /// <summary>251: user not local; will forward.</summary>
        [Reply(251, "2.1.5", "User not local; will forward")]
        UserNotLocalWillForward,

        /// <summary>252: cannot VRFY user, but will accept message and attempt delivery (§3.5.3).</summary>
        [Reply(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery")]
        CannotVerify,

        /// <summary>354: start mail input (no enhanced code: RFC 2034 §3 applies it to final replies).</summary>
        [Reply(354, "Start mail input; end with <CRLF>.<CRLF>")]
        StartMailInput,

        /// <summary>421: service not available, closing transmission channel; may answer any command.</summary>
        [Reply(421, "4.3.0", "Service not available, closing transmission channel")]
        ServiceNotAvailable,

        /// <summary>421 when a server already serves as many sessions as it may.</summary>
        [Reply(421, "4.3.2", "Too many connections, try again later")]
        TooManySessions,

        /// <summary>
        /// 421 when a client's address already has as many sessions, or opened as many connections lately, as a server allows
        /// one address (RFC 3463 §3.8: 4.7.0, a security or policy status).
        /// </summary>
        [Reply(421, "4.7.0", "Too many connections from your address, try again later")]
        TooManyConnectionsFromAddress,

        /// <summary>421 when a client made more errors than a server allows in one session.</summary>
        [Reply(421, "4.7.0", "Too many errors, closing transmission channel")]
        TooManyErrors,

        /// <summary>421 when a client was silent for longer than the server waits (§4.5.3.2.7).</summary>
        [Reply(421, "4.4.2", "Timeout, closing transmission channel")]
        Timeout,

        /// <summary>421 when a client failed to authenticate as many times as the server allows in one session.</summary>
        [Reply(421, "4.7.0", "Too many failed authentication attempts, closing transmission channel")]
        TooManyAuthenticationFailures,

        /// <summary>454 to AUTH when the server cannot check credentials now (RFC 4954 §6).</summary>
        [Reply(454, "4.7.0", "Temporary authentication failure")]
        AuthenticationUnavailable,

        /// <summary>450: requested mail action not taken: mailbox unavailable (busy or blocked for now).</summary>
        [Reply(450, "4.2.0", "Requested mail action not taken: mailbox unavailable")]
        MailboxBusy,

        /// <summary>451: requested action aborted: local error in processing.</summary>
        [Reply(451, "4.3.0", "Requested action aborted: local error in processing")]
        LocalError,

        /// <summary>452: requested action not taken: insufficient system storage (also: too many recipients).</summary>
        [Reply(452, "4.3.1", "Requested action not taken: insufficient system storage")]
        InsufficientStorage,

        /// <summary>452 to RCPT when the message already has as many recipients as the server takes (§4.5.3.1.10).</summary>
        [Reply(452, "4.5.3", "Too many recipients")]
        TooManyRecipients,

        /// <summary>455: server unable to accommodate parameters (§4.1.1.11).</summary>
        [Reply(455, "4.5.4", "Server unable to accommodate parameters")]
        ParametersNotAccommodated,

        /// <summary>500: syntax error, command unrecognized.</summary>
        [Reply(500, "5.5.1", "Syntax error, command unrecognized")]
        CommandUnrecognized,

        /// <summary>500 for a command line longer than its limit: 512 octets (§4.5.3.1.4), more where parameters lengthen it.</summary>
        [Reply(500, "5.5.2", "Syntax error, line too long")]
        LineTooLong,

        /// <summary>500 for a line with a bare CR or LF, or without CRLF (§2.3.8: CRLF only).</summary>
        [Reply(500, "5.5.2", "Syntax error, lines end with CRLF")]
        BadLineEnding,

        /// <summary>500 to a response of an authentication exchange longer than the server takes (RFC 4954 §4: 12,288 octets).</summary>
        [Reply(500, "5.5.6", "Authentication exchange line is too long")]
        AuthenticationLineTooLong,

        /// <summary>501 to an AUTH response that is not base64 (RFC 4954 §4).</summary>
        [Reply(501, "5.5.2", "Cannot decode response")]
        CannotDecodeResponse,

        /// <summary>501 to the client's "*", which cancels AUTH (RFC 4954 §4).</summary>
        [Reply(501, "5.0.0", "Authentication cancelled")]
        AuthenticationCancelled,

        /// <summary>501: syntax error in parameters or arguments.</summary>
        [Reply(501, "5.5.4", "Syntax error in parameters or arguments")]
        SyntaxErrorInArguments,

        /// <summary>502: command not implemented (§4.2.4).</summary>
        [Reply(502, "5.5.1", "Command not implemented")]
        CommandNotImplemented,

        /// <summary>503: bad sequence of commands (§4.1.4).</summary>
        [Reply(503, "5.5.1", "Bad sequence of commands")]
        BadSequence,

        /// <summary>504: command parameter not implemented.</summary>
        [Reply(504, "5.5.4", "Command parameter not implemented")]
        ParameterNotImplemented,

        /// <summary>504 to AUTH with a mechanism the server does not offer (RFC 4954 §4).</summary>
        [Reply(504, "5.5.4", "Unrecognized authentication type")]
        UnknownMechanism,

        /// <summary>530 to MAIL when the server takes mail only from clients that authenticated (RFC 4954 §6).</summary>
        [Reply(530, "5.7.0", "Authentication required")]
        AuthenticationRequired,

        /// <summary>535 to AUTH with credentials the server does not accept (RFC 4954 §6).</summary>
        [Reply(535, "5.7.8", "Authentication credentials invalid")]
        AuthenticationFailed,

        /// <summary>538 to AUTH over plaintext when the server takes credentials only over TLS (RFC 4954 §6).</summary>
        [Reply(538, "5.7.11", "Encryption required for requested authentication mechanism")]
        EncryptionRequired,

        /// <summary>550: requested action not taken: mailbox unavailable (not found, no access, or policy).</summary>
        [Reply(550, "5.1.1", "Requested action not taken: mailbox unavailable")]
        MailboxUnavailable,

        /// <summary>551: user not local.</summary>
        [Reply(551, "5.1.6", "User not local")]
        UserNotLocal,

        /// <summary>552: requested mail action aborted: exceeded storage allocation (also: message too big).</summary>
        [Reply(552, "5.3.4", "Requested mail action aborted: exceeded storage allocation")]
        StorageExceeded,

        /// <summary>552 when a message is larger than the server takes (RFC 1870 §6), to MAIL with SIZE or at the end of the data.</summary>
        [Reply(552, "5.3.4", "Message size exceeds fixed maximum message size")]
        MessageTooBig,

        /// <summary>553: requested action not taken: mailbox name not allowed.</summary>
        [Reply(553, "5.1.3", "Requested action not taken: mailbox name not allowed")]
        MailboxNameNotAllowed,

        /// <summary>554: transaction failed (as a greeting: no SMTP service here).</summary>
        [Reply(554, "5.0.0", "Transaction failed")]
        TransactionFailed,

        /// <summary>554 at the end of data holding a bare CR or LF, when the server refuses such messages (§2.3.8).</summary>
        [Reply(554, "5.6.0", "Message refused: bare CR or LF in the data, lines end with CRLF")]
        BareLineEndingInData,

        /// <summary>554 at the end of data holding a text line longer than the server takes (§4.5.3.1.6).</summary>
        [Reply(554, "5.6.0", "Message refused: text line too long")]
        TextLineTooLong,

        /// <summary>555: MAIL FROM/RCPT TO parameters not recognized or not implemented (§4.1.1.11).</summary>
        [Reply(555, "5.5.4", "MAIL FROM/RCPT TO parameters not recognized or not implemented")]
        ParametersNotRecognized,

        /// <summary>555 naming the parameter of MAIL or RCPT that the server does not know, or whose extension it does not offer (§4.1.1.11).</summary>
        [Reply(555, "5.5.4", "{keyword:Atom} parameter not recognized or not implemented")]
        ParameterNotRecognized,

        /// <summary>501 naming a parameter of MAIL or RCPT whose value its extension does not allow, or that wants a value it lacks.</summary>
        [Reply(501, "5.5.4", "{keyword:Atom} parameter malformed")]
        ParameterMalformed,

        /// <summary>501 naming a parameter of MAIL or RCPT given twice (§4.1.2: a keyword once).</summary>
        [Reply(501, "5.5.4", "{keyword:Atom} parameter given twice")]
        ParameterRepeated,

        /// <summary>550 when MAIL names a sender beyond ASCII without the SMTPUTF8 parameter, from a server that offers it (RFC 6531 §3.5).</summary>
        [Reply(550, "5.6.7", "Non-ASCII addresses not permitted for that sender")]
        NonAsciiSenderNotPermitted,

        /// <summary>553 when RCPT names a recipient beyond ASCII in a transaction whose MAIL had no SMTPUTF8, from a server that offers it (RFC 6531 §3.5).</summary>
        [Reply(553, "5.6.7", "Non-ASCII addresses not permitted for that recipient")]
        NonAsciiRecipientNotPermitted,

        // A reply added to the published definition goes last, so that every other keeps its value in code compiled
        // against an earlier package (an enum's values are constants there).

        /// <summary>421 to every session when the server stops (RFC 3463 §3.4: 4.3.2, system not accepting network messages).</summary>
        [Reply(421, "4.3.2", "Service shutting down, closing transmission channel")]
        ShuttingDown,

        /// <summary>501 to MAIL whose reverse-path is no address (RFC 3463 §3.2: X.1.7, bad sender's mailbox address syntax).</summary>
        [Reply(501, "5.1.7", "Bad sender address syntax")]
        BadSenderAddressSyntax,

        /// <summary>501 to RCPT whose forward-path is no address (RFC 3463 §3.2: X.1.3, bad destination mailbox address syntax).</summary>
        [Reply(501, "5.1.3", "Bad recipient address syntax")]
        BadRecipientAddressSyntax,
    }
}
