using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Client;

public sealed partial class SmtpClient
{
    /// <summary>Sends one message: MAIL, RCPT for each recipient, DATA and the message.</summary>
    /// <param name="from">The reverse path (RFC 5321 §4.1.1.2), a mailbox; empty for the null reverse path <c>&lt;&gt;</c>.</param>
    /// <param name="recipients">The forward paths, one RCPT each; at least one.</param>
    /// <param name="message">
    /// The message, headers and body, with CRLF line endings; a line that begins with "." is dot-stuffed on the way. A
    /// binary message (a NUL octet, or a line over 998 octets) goes as it is with BDAT and <c>BODY=BINARYMIME</c> where the
    /// server offers BINARYMIME and CHUNKING (RFC 3030 §3).
    /// </param>
    /// <param name="cancellationToken">Cancels the exchange; the connection cannot be used after that (a token cancelled before the call sends nothing, and the connection stays usable).</param>
    /// <returns>The reply to each recipient and the server's acceptance of the message, or, when every recipient was refused, no acceptance. Over LMTP, when the conversation ended after some recipients' replies to the data, the result as far as it came, with <see cref="CanSend"/> false.</returns>
    /// <exception cref="ArgumentException">An address is not valid, or there is no recipient; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">
    /// An address is not ASCII and the server does not offer SMTPUTF8, the message holds 8-bit octets and the server
    /// does not offer 8BITMIME, or it holds a NUL octet and cannot go as BINARYMIME; nothing was sent.
    /// </exception>
    /// <exception cref="SmtpCommandException">The server refused MAIL, DATA or the message.</exception>
    /// <exception cref="SmtpProtocolException">The server sent a malformed reply or closed the connection.</exception>
    /// <exception cref="TimeoutException">The server did not answer in time.</exception>
    public Task<SmtpSendResult> SendAsync(string from, IEnumerable<string> recipients, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        SendAsync(from, recipients, MailContent.From(new ReadOnlySequence<byte>(message)), options: null, cancellationToken);

    /// <summary>
    /// Sends one message with what it asks of the server beyond its addresses: delivery status notifications (RFC 3461)
    /// when the server offers DSN, and MAIL and RCPT parameters of extensions of your own.
    /// </summary>
    /// <param name="from">The reverse path, a mailbox; empty for the null reverse path <c>&lt;&gt;</c>.</param>
    /// <param name="recipients">The forward paths, one RCPT each; at least one.</param>
    /// <param name="message">The message, headers and body, with CRLF line endings.</param>
    /// <param name="options">What the message asks of the server; null asks nothing beyond its addresses and content.</param>
    /// <param name="cancellationToken">Cancels the exchange; the connection cannot be used after that (a token cancelled before the call sends nothing, and the connection stays usable).</param>
    /// <returns>The reply to each recipient and the server's acceptance of the message, or none when every recipient was refused.</returns>
    /// <exception cref="ArgumentException">
    /// An address, a request or a parameter is not valid (a parameter of SMTP's own among <see cref="SmtpSendOptions.MailParameters"/>,
    /// say, or a <see cref="SmtpSendOptions.Submitter"/> that is no mailbox), the parameters make a line too long, or there is no
    /// recipient; nothing was sent. What is wrong with the parameters or the submitter names <paramref name="options"/> as the
    /// <see cref="ArgumentException.ParamName"/> (a delivery status request's mistakes name its own property).
    /// </exception>
    /// <exception cref="NotSupportedException">
    /// An address or a parameter's value is not ASCII, or <see cref="SmtpSendOptions.SmtpUtf8"/> asks for UTF-8, and the server
    /// does not offer SMTPUTF8, or the message cannot go as
    /// the server takes it (as <see cref="SendAsync(string, IEnumerable{string}, ReadOnlyMemory{byte}, CancellationToken)"/> says); nothing was sent.
    /// </exception>
    /// <exception cref="SmtpCommandException">The server refused MAIL, DATA or the message.</exception>
    /// <exception cref="SmtpProtocolException">The server sent a malformed reply or closed the connection.</exception>
    /// <exception cref="TimeoutException">The server did not answer in time.</exception>
    public Task<SmtpSendResult> SendAsync(string from, IEnumerable<string> recipients, ReadOnlyMemory<byte> message, SmtpSendOptions? options, CancellationToken cancellationToken = default) =>
        SendAsync(from, recipients, MailContent.From(new ReadOnlySequence<byte>(message)), options, cancellationToken);

    /// <inheritdoc cref="SendAsync(string, IEnumerable{string}, ReadOnlyMemory{byte}, CancellationToken)"/>
    public Task<SmtpSendResult> SendAsync(string from, IEnumerable<string> recipients, ReadOnlySequence<byte> message, CancellationToken cancellationToken = default) =>
        SendAsync(from, recipients, MailContent.From(message), options: null, cancellationToken);

    /// <summary>Sends one message read from a stream: MAIL, RCPT for each recipient, DATA and the message.</summary>
    /// <param name="from">The reverse path (RFC 5321 §4.1.1.2), a mailbox; empty for the null reverse path <c>&lt;&gt;</c>.</param>
    /// <param name="recipients">The forward paths, one RCPT each; at least one.</param>
    /// <param name="message">The message, read from its position to its end, block by block; it is not disposed of.</param>
    /// <param name="cancellationToken">Cancels the exchange; the connection cannot be used after that (a token cancelled before the call sends nothing, and the connection stays usable).</param>
    /// <returns>The reply to each recipient and the server's acceptance of the message, or, when every recipient was refused, no acceptance. Over LMTP, when the conversation ended after some recipients' replies to the data, the result as far as it came, with <see cref="CanSend"/> false.</returns>
    /// <exception cref="ArgumentException">An address is not valid, or there is no recipient; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">
    /// An address is not ASCII and the server does not offer SMTPUTF8; nothing was sent. (A stream is not read ahead: the
    /// caller answers for its 8-bit or binary content.)
    /// </exception>
    /// <exception cref="SmtpCommandException">The server refused MAIL, DATA or the message.</exception>
    /// <exception cref="SmtpProtocolException">The server sent a malformed reply or closed the connection.</exception>
    /// <exception cref="TimeoutException">The server did not answer in time.</exception>
    public Task<SmtpSendResult> SendAsync(string from, IEnumerable<string> recipients, Stream message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync(from, recipients, MailContent.From(message), options: null, cancellationToken);
    }

    /// <inheritdoc cref="SendAsync(string, IEnumerable{string}, ReadOnlyMemory{byte}, SmtpSendOptions?, CancellationToken)"/>
    public Task<SmtpSendResult> SendAsync(string from, IEnumerable<string> recipients, ReadOnlySequence<byte> message, SmtpSendOptions? options, CancellationToken cancellationToken = default) =>
        SendAsync(from, recipients, MailContent.From(message), options, cancellationToken);

    /// <inheritdoc cref="SendAsync(string, IEnumerable{string}, ReadOnlyMemory{byte}, SmtpSendOptions?, CancellationToken)"/>
    /// <param name="from">The reverse path, a mailbox; empty for the null reverse path <c>&lt;&gt;</c>.</param>
    /// <param name="recipients">The forward paths, one RCPT each; at least one.</param>
    /// <param name="message">The message, read from its position to its end, block by block; it is not disposed of.</param>
    /// <param name="options">What the message asks of the server; null asks nothing beyond its addresses and content.</param>
    /// <param name="cancellationToken">Cancels the exchange; the connection cannot be used after that (a token cancelled before the call sends nothing, and the connection stays usable).</param>
    public Task<SmtpSendResult> SendAsync(string from, IEnumerable<string> recipients, Stream message, SmtpSendOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync(from, recipients, MailContent.From(message), options, cancellationToken);
    }

    private async Task<SmtpSendResult> SendAsync(string from, IEnumerable<string> recipients, MailContent content, SmtpSendOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(recipients);
        cancellationToken.ThrowIfCancellationRequested();   // cancelled before it began: nothing sent, the client still usable
        string[] to = [.. recipients];
        if (to.Length == 0)
        {
            throw new ArgumentException("A message needs at least one recipient.", nameof(recipients));
        }

        if (Array.Exists(to, static address => address is null))
        {
            throw new ArgumentNullException(nameof(recipients), "A recipient is null.");
        }

        ExtraParameters extra = options?.Check(to, nameof(options)) ?? ExtraParameters.None;
        bool utf8 = HasUtf8Address(from, to) || extra.NeedsUtf8 || options is { SmtpUtf8: true };
        if (!Capabilities.SmtpUtf8 && utf8)
        {
            // RFC 6531 §3.2, §3.3: a UTF-8 address or parameter value may go only to a server that offers SMTPUTF8.
            throw new NotSupportedException("An address, a parameter's value or the message (SmtpSendOptions.SmtpUtf8) is not ASCII and the server does not offer UTF-8 (RFC 6531); nothing was sent.");
        }

        // RFC 3030 §3: binary data goes only with BDAT to a server that offers BINARYMIME. A NUL cannot go otherwise; a line
        // over 998 octets goes so where it can, and with DATA elsewhere, for the server to take or refuse (RFC 5321 §4.5.3.1.6).
        (bool nul, bool longLine) = content.FindBinary();
        bool binaryOffered = Capabilities.BinaryMime && Capabilities.Chunking && _options.UseChunking && !_options.Lmtp;
        if (nul && !binaryOffered)
        {
            throw new NotSupportedException(
                "The message holds a NUL octet, which only BDAT with BODY=BINARYMIME carries (RFC 3030): the server does not offer BINARYMIME and CHUNKING, or the client does not use them (UseChunking, LMTP); nothing was sent.");
        }

        bool binary = binaryOffered && (nul || longLine);

        if (!binary && !Capabilities.EightBitMime && content.Stream is null && content.MayHaveEightBitOctets)
        {
            // RFC 6152 §3: 8-bit octets may go only to a server that offers 8BITMIME. (A stream is not read ahead
            // to find out: the caller that sends one answers for its content.)
            throw new NotSupportedException("The message holds 8-bit octets and the server does not offer 8-bit MIME transport (RFC 6152); nothing was sent.");
        }

        bool chunked = binary || (_options.UseChunking && Capabilities.Chunking && !_options.Lmtp && content.IsSentAsIs);
        int[] ends = WriteTransaction(from, to, content, binary, utf8, withData: !chunked, Capabilities.Has(SmtpProtocol.Extension.Dsn) ? options?.DeliveryStatus : null, extra, nameof(options));
        bool pipelined = _options.UsePipelining && Capabilities.Pipelining;
        var results = new SmtpRecipientResult[to.Length];
        SmtpReply? mailRefusal = null;
        ReplyCode data = default;
        try
        {
            if (pipelined)
            {
                // RFC 2920 §3.1: MAIL, every RCPT and DATA go in one batch; the replies come back in order.
                await _channel.SendCommandsAsync(0, ends[^1], _options.MailTimeout, "MAIL, RCPT and DATA", cancellationToken).ConfigureAwait(false);
                mailRefusal = await ReadRefusalAsync(_options.MailTimeout, "MAIL", cancellationToken).ConfigureAwait(false);
                try
                {
                    for (int i = 0; i < to.Length; i++)
                    {
                        results[i] = new SmtpRecipientResult(to[i], await ReadReplyAsync(_options.RcptTimeout, "RCPT", cancellationToken).ConfigureAwait(false));
                    }

                    if (!chunked)
                    {
                        data = await ReadCodeAsync(_options.DataInitiationTimeout, "DATA", cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception closed) when (closed is SmtpProtocolException or IOException or TimeoutException
                    && (mailRefusal is not null || Array.TrueForAll(results, r => r is { IsAccepted: false })))
                {
                    // The server refused the whole transaction (MAIL, or every recipient) and closed, or stopped, before
                    // the rest of its replies: the refusal is its answer, and the conversation is over.
                    return mailRefusal is not null ? throw new SmtpCommandException("MAIL", mailRefusal) : new SmtpSendResult(results, reply: null);
                }
            }
            else
            {
                await _channel.SendCommandsAsync(0, ends[0], _options.MailTimeout, "MAIL", cancellationToken).ConfigureAwait(false);
                mailRefusal = await ReadRefusalAsync(_options.MailTimeout, "MAIL", cancellationToken).ConfigureAwait(false);
                if (mailRefusal is not null)
                {
                    throw new SmtpCommandException("MAIL", mailRefusal);
                }

                for (int i = 0; i < to.Length; i++)
                {
                    await _channel.SendCommandsAsync(ends[i], ends[i + 1], _options.RcptTimeout, "RCPT", cancellationToken).ConfigureAwait(false);
                    results[i] = new SmtpRecipientResult(to[i], await ReadReplyAsync(_options.RcptTimeout, "RCPT", cancellationToken).ConfigureAwait(false));
                }

                if (!chunked && Array.Exists(results, r => r.IsAccepted))
                {
                    await _channel.SendCommandsAsync(ends[^2], ends[^1], _options.DataInitiationTimeout, "DATA", cancellationToken).ConfigureAwait(false);
                    data = await ReadCodeAsync(_options.DataInitiationTimeout, "DATA", cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _channel.Commands.ResetWrittenCount();
        }

        return await FinishAsync(content, results, mailRefusal, data, chunked, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Acts on the replies to MAIL, RCPT and DATA: sends the message, or resets the transaction.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SmtpSendResult> FinishAsync(
        MailContent content, SmtpRecipientResult[] results, SmtpReply? mailRefusal, ReplyCode data, bool chunked, CancellationToken cancellationToken)
    {
        bool deliverable = mailRefusal is null && Array.Exists(results, r => r.IsAccepted);
        if (data == 354 && !deliverable)
        {
            // A pipelined DATA that a server accepted with nobody to deliver to: end the mail data at once. (An LMTP
            // server answers that with one reply per accepted recipient: none.)
            new MailDataEncoder().Complete(_channel.Data);
            await _channel.SendDataAsync(_options.DataBlockTimeout, cancellationToken).ConfigureAwait(false);
            if (!_options.Lmtp)
            {
                await ReadCodeAsync(_options.DataTerminationTimeout, "the end of the mail data", cancellationToken).ConfigureAwait(false);
            }
        }

        if (mailRefusal is not null)
        {
            throw new SmtpCommandException("MAIL", mailRefusal);
        }

        if (!deliverable)
        {
            // Every recipient refused: no message to send (RFC 5321 §3.3); RSET leaves the session ready for the next.
            await ResetAfterRefusalAsync(cancellationToken).ConfigureAwait(false);
            return new SmtpSendResult(results, reply: null);
        }

        if (chunked)
        {
            SmtpReply end;
            try
            {
                end = await SendChunksAsync(content.Octets, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not SmtpCommandException)
            {
                if (await ReplyLeftAfterAsync(exception).ConfigureAwait(false) is { } said)
                {
                    throw new SmtpCommandException("BDAT", said);
                }

                throw;
            }

            return end.IsPositiveCompletion ? new SmtpSendResult(results, end) : throw new SmtpCommandException("the message", end);
        }

        if (data != 354)
        {
            SmtpReply refusal = _channel.Replies.ToReply();
            await ResetAfterRefusalAsync(cancellationToken).ConfigureAwait(false);
            throw new SmtpCommandException("DATA", refusal);
        }

        if (_channel.Replies.HasFollowing)
        {
            // Nothing may come between 354 and the end of the data: a reply there would be taken for the message's.
            _channel.Break();
            throw new SmtpProtocolException("The server sent more after its 354 to DATA: its replies are out of step with the commands; nothing of the message was sent.");
        }

        try
        {
            await SendContentAsync(content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            // Part of the message is on the wire and its end is not: whatever failed (the caller's stream, a
            // cancellation), the conversation cannot go on, and the next call must say so rather than send
            // commands into the middle of the mail data. A server that stopped reading may have said why first
            // (a 421 or 5yz in the middle of the data, §3.8): that reply is what the caller must hear.
            SmtpReply? said = await ReplyLeftAfterAsync(failure).ConfigureAwait(false);
            if (said is not null)
            {
                throw new SmtpCommandException("the mail data", said);
            }

            throw;
        }

        if (_options.Lmtp)
        {
            return await ReadDeliveriesAsync(results, cancellationToken).ConfigureAwait(false);
        }

        SmtpReply accepted = await ReadReplyAsync(_options.DataTerminationTimeout, "the end of the mail data", cancellationToken).ConfigureAwait(false);
        return accepted.IsPositiveCompletion
            ? new SmtpSendResult(results, accepted)
            : throw new SmtpCommandException("the message", accepted);
    }

    /// <summary>
    /// LMTP (RFC 2033 §4.2): after the data, one reply for each recipient that RCPT accepted, in their order. The
    /// message is sent when one of them accepts it; when none does, the first refusal is thrown, with every recipient's result.
    /// Each reply is final for its recipient: when the conversation ends after a recipient was delivered to (a 421, the
    /// connection lost, a timeout, a malformed reply), the result says who got the message, and those whose reply never
    /// came are not delivered (a 421 is the reply of the recipient it came for); a caller that sent the message again to
    /// every recipient would deliver it twice to some.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SmtpSendResult> ReadDeliveriesAsync(SmtpRecipientResult[] results, CancellationToken cancellationToken)
    {
        SmtpReply? delivered = null, refused = null;
        foreach (SmtpRecipientResult recipient in results)
        {
            recipient.AwaitsDelivery = recipient.IsAccepted;
        }

        foreach (SmtpRecipientResult recipient in results)
        {
            if (!recipient.IsAccepted)
            {
                continue;
            }

            SmtpReply reply;
            try
            {
                reply = await ReadReplyAsync(_options.DataTerminationTimeout, "the end of the mail data", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ended) when ((delivered ?? refused) is not null && ended is SmtpCommandException or SmtpProtocolException or IOException or TimeoutException)
            {
                // The read broke the conversation already (a 421 does, as every failure of the channel does).
                if (ended is SmtpCommandException { Reply: var last })
                {
                    recipient.Delivery = last;
                }

                break;
            }

            recipient.Delivery = reply;
            if (reply.IsPositiveCompletion)
            {
                delivered ??= reply;
            }
            else
            {
                refused ??= reply;
            }
        }

        return delivered is not null
            ? new SmtpSendResult(results, delivered)
            : throw new SmtpCommandException("the message", refused!) { Recipients = results };
    }

    /// <summary>
    /// Ends the conversation after <paramref name="failure"/> in the middle of the mail data, and returns the refusal the
    /// server sent before it stopped reading when the failure was the connection's (a write that broke or timed out) and
    /// the refusal is there within a second; null otherwise (the caller's stream failed, the connection simply broke).
    /// </summary>
    private async ValueTask<SmtpReply?> ReplyLeftAfterAsync(Exception failure)
    {
        bool connectionFailed = _channel.IsBroken && failure is IOException or TimeoutException;
        _channel.Break();
        return connectionFailed
            && await _channel.TryReadLeftReplyAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false)
            && _channel.Replies.Code.Class is ReplyClass.TransientNegative or ReplyClass.PermanentNegative
            ? _channel.Replies.ToReply()
            : null;
    }

    /// <summary>
    /// Aborts the mail transaction with RSET (RFC 5321 §4.1.1.5) after the server refused it (every recipient, DATA, a
    /// chunk), so that the session is ready for the next message. The refusal is what the caller must hear: a server
    /// that closes the connection after its 5yz, as some do, or that refuses RSET only ends the conversation here
    /// (later calls say so), and the refusal is still what is reported.
    /// </summary>
    private async Task ResetAfterRefusalAsync(CancellationToken cancellationToken)
    {
        try
        {
            SmtpProtocol.WriteRset(_channel.Commands);
            await _channel.SendCommandsAsync(_options.CommandTimeout, "RSET", cancellationToken).ConfigureAwait(false);
            if (!(await ReadReplyAsync(_options.CommandTimeout, "RSET", cancellationToken).ConfigureAwait(false)).IsPositiveCompletion)
            {
                _channel.Break();   // where the server's transaction stands is not known
            }
        }
        catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or TimeoutException or IOException)
        {
            _channel.Break();
        }
    }

    /// <summary>
    /// Writes MAIL, each RCPT and (unless the message goes in BDAT chunks) DATA into the command buffer before anything is sent, so an invalid address
    /// throws with nothing on the wire (parameters that make a line too long name <paramref name="optionsName"/>). Returns where each line ends.
    /// </summary>
    private int[] WriteTransaction(string from, string[] to, MailContent content, bool binary, bool utf8, bool withData, DeliveryStatusOptions? deliveryStatus, ExtraParameters extra, string optionsName)
    {
        ArrayBufferWriter<byte> commands = _channel.Commands;
        var ends = new int[to.Length + 2];
        // An address or parameters too long for these buffers would make either line too long: the writer refuses that.
        int longestLine = Math.Max(SmtpProtocol.MaxMailLine, SmtpProtocol.MaxRcptLine);
        Span<byte> address = stackalloc byte[longestLine];
        Span<byte> parameters = stackalloc byte[longestLine];
        try
        {
            int mailLength = Append(parameters, MailParameters(content, binary, utf8, deliveryStatus, extra.Submitter, parameters), extra.Mail, "MAIL FROM:<", from, SmtpProtocol.MaxMailLine, optionsName);
            EsmtpParameters.TryCreate(parameters[..mailLength], out EsmtpParameters mailParameters);
            try
            {
                SmtpProtocol.WriteMail(commands, Utf8(from, address), mailParameters);
            }
            catch (ArgumentException invalid)
            {
                throw NotAnAddress("sender", from, nameof(from), invalid);
            }

            ends[0] = commands.WrittenCount;
            for (int i = 0; i < to.Length; i++)
            {
                int rcptLength = Append(parameters, RcptParameters(to[i], deliveryStatus, parameters), extra.Recipient(i), "RCPT TO:<", to[i], SmtpProtocol.MaxRcptLine, optionsName);
                EsmtpParameters.TryCreate(parameters[..rcptLength], out EsmtpParameters rcptParameters);
                try
                {
                    SmtpProtocol.WriteRcpt(commands, Utf8(to[i], address), rcptParameters);
                }
                catch (ArgumentException invalid)
                {
                    throw NotAnAddress("recipient", to[i], "recipients", invalid);
                }

                ends[i + 1] = commands.WrittenCount;
            }

            if (withData)
            {
                SmtpProtocol.WriteData(commands);
            }

            ends[^1] = commands.WrittenCount;
            return ends;
        }
        catch
        {
            commands.ResetWrittenCount();
            throw;
        }
    }

    /// <summary>
    /// Appends a caller's parameters after the client's own, <paramref name="length"/> octets, for the line that starts
    /// with <paramref name="start"/> and <paramref name="address"/>; returns the length of both.
    /// </summary>
    /// <exception cref="ArgumentException">They make the line longer than <paramref name="maxLine"/>; it names <paramref name="optionsName"/>, where they came from.</exception>
    private static int Append(Span<byte> parameters, int length, byte[] extra, string start, string address, int maxLine, string optionsName)
    {
        if (extra.Length == 0)
        {
            return length;
        }

        int separator = length > 0 ? 1 : 0;
        // The line: start, the address, '>', SP, the parameters, CRLF.
        int room = maxLine - (start.Length + Encoding.UTF8.GetByteCount(address) + "> \r\n".Length);
        if (length + separator + extra.Length > room)
        {
            throw new ArgumentException($"The parameters make the line {start}{ShownLine.Of(address)}> ... longer than SMTP allows ({maxLine} octets with its CRLF).", optionsName);
        }

        if (separator > 0)
        {
            parameters[length] = (byte)' ';
        }

        extra.CopyTo(parameters[(length + separator)..]);
        return length + separator + extra.Length;
    }

    /// <summary>The refusal of an address the writer would not write, naming it (a caller sending to many needs to know which).</summary>
    private static ArgumentException NotAnAddress(string role, string address, string parameter, ArgumentException invalid) =>
        new($"The {role} \"{ShownLine.Of(address)}\" cannot be sent: it is not a mailbox as RFC 5321 §4.1.2 writes one (local-part@domain, without a display name or angle brackets), or it makes the command line too long.", parameter, invalid);

    /// <summary>
    /// The MAIL parameters the server's extensions call for, written as the SMTP definition declares them: the size
    /// (RFC 1870) when it is known, binary content (RFC 3030) or else 8-bit content (RFC 6152) for octets above 127,
    /// SMTPUTF8 (RFC 6531) for a UTF-8 address, the submitter (RFC 4954 §5) given as xtext when there is one and the server
    /// offers AUTH. Returns the octets written into <paramref name="destination"/>.
    /// </summary>
    private int MailParameters(MailContent content, bool binary, bool utf8, DeliveryStatusOptions? deliveryStatus, byte[] submitter, Span<byte> destination)
    {
        byte[] envelopeId = deliveryStatus?.EnvelopeId is { } id ? EncodeXtext(id) : [];
        var values = new SmtpProtocol.MailParameters
        {
            Ret = deliveryStatus?.Return switch
            {
                DsnReturn.Full => SmtpProtocol.RetValues.Full,
                DsnReturn.Headers => SmtpProtocol.RetValues.Headers,
                _ => default,
            },
            EnvelopeId = envelopeId,
            Size = Capabilities.Size ? (binary ? content.Octets.Length : content.Length) : null,
            Body = binary ? SmtpProtocol.BodyValues.BinaryMime
                : Capabilities.EightBitMime && content.MayHaveEightBitOctets ? SmtpProtocol.BodyValues.EightBitMime
                : default,
            SmtpUtf8 = utf8,
            Submitter = Capabilities.Has(SmtpProtocol.Extension.Auth) ? submitter : [],
        };
        return SmtpProtocol.FormatMailParameters(destination, values);
    }

    /// <summary>RCPT's NOTIFY and ORCPT (RFC 3461 §4.1, §4.2) for one recipient, written into <paramref name="destination"/>; none without DSN.</summary>
    /// <returns>The octets written.</returns>
    private static int RcptParameters(string recipient, DeliveryStatusOptions? deliveryStatus, Span<byte> destination)
    {
        if (deliveryStatus is null)
        {
            return 0;
        }

        byte[] notify = deliveryStatus.NotifyValue() is { } value ? Encoding.ASCII.GetBytes(value) : [];
        byte[] original = !deliveryStatus.OriginalRecipients ? []
            : Ascii.IsValid(recipient) ? [.. "rfc822;"u8, .. EncodeXtext(recipient)]
            : [.. "utf-8;"u8, .. Utf8AddressXtext(recipient)];
        var values = new SmtpProtocol.RcptParameters { Notify = notify, OriginalRecipient = original };
        return SmtpProtocol.FormatRcptParameters(destination, values);
    }

    /// <summary>An address in UTF-8: in <paramref name="buffer"/>, or, when it does not fit there, in an array of its own.</summary>
    private static ReadOnlySpan<byte> Utf8(string address, Span<byte> buffer) =>
        Encoding.UTF8.TryGetBytes(address, buffer, out int written) ? buffer[..written] : Encoding.UTF8.GetBytes(address);

    /// <summary>
    /// A UTF-8 address as ORCPT's <c>utf-8</c> type carries it (RFC 6533 §3, utf-8-addr-xtext, which is ASCII and xtext):
    /// printable ASCII but <c>+</c>, <c>=</c> and <c>\</c> as it is, any other character as <c>\x{HEX}</c>, its code point
    /// in upper-case hex. An <c>rfc822</c> address is ASCII (RFC 3461 §4.2), which this one is not.
    /// </summary>
    private static byte[] Utf8AddressXtext(string address)
    {
        var text = new StringBuilder(address.Length * 2);
        foreach (Rune character in address.EnumerateRunes())
        {
            if (character.Value is > 0x20 and < 0x7F and not '+' and not '=' and not '\\')
            {
                text.Append((char)character.Value);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{{{character.Value:X}}}");
            }
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Text as xtext (RFC 3461 §4), for ENVID, ORCPT and AUTH=.</summary>
    internal static byte[] EncodeXtext(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        byte[] encoded = new byte[utf8.Length * 3];
        return encoded[..Captures.Xtext.Encode(utf8, encoded)];
    }

    private static bool HasUtf8Address(string from, string[] to) => !Ascii.IsValid(from) || !Array.TrueForAll(to, address => Ascii.IsValid(address));

    /// <summary>Reads a reply and returns its code; the reply stays in the reader until the next.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReplyCode> ReadCodeAsync(TimeSpan timeout, string command, CancellationToken cancellationToken)
    {
        await _channel.ReadReplyAsync(timeout, command, cancellationToken).ConfigureAwait(false);
        if (_channel.Replies.Code == 421)
        {
            _channel.Break();
            throw new SmtpCommandException(command, _channel.Replies.ToReply());
        }

        return _channel.Replies.Code;
    }

    /// <summary>Reads a reply: null when it is positive, the decoded reply when it refuses.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SmtpReply?> ReadRefusalAsync(TimeSpan timeout, string command, CancellationToken cancellationToken)
    {
        ReplyCode code = await ReadCodeAsync(timeout, command, cancellationToken).ConfigureAwait(false);
        return code.Class == ReplyClass.PositiveCompletion ? null : _channel.Replies.ToReply();
    }
}
