using System.Buffers;
using Microsoft.Extensions.Logging;
using SmtpGen.Smtp;
using Verb = SmtpGen.Smtp.SmtpProtocol.Verb;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    private MailDataDecoder _decoder;
    private byte[]? _dataBuffer;
    private IMessageWriter? _message;
    private MessageEnvelope? _envelope;

    /// <summary>The decoded octets waiting in <see cref="_dataBuffer"/> for the store.</summary>
    private int _decoded;

    /// <summary>Whether the decoder has found CRLF.CRLF.</summary>
    private bool _dataEnded;

    /// <summary>The message's size so far, counted even after it went over the limit.</summary>
    private long _messageSize;

    // The fixed refusals of a message's data, made once.
    private static readonly SmtpResponse MessageTooBig = SmtpResponse.Refuse(SmtpProtocol.Reply.MessageTooBig);
    private static readonly SmtpResponse BareLineEndingInData = SmtpResponse.Refuse(SmtpProtocol.Reply.BareLineEndingInData);
    private static readonly SmtpResponse TextLineTooLong = SmtpResponse.Refuse(SmtpProtocol.Reply.TextLineTooLong);

    /// <summary>
    /// The reply the end of the data will get instead of 250, once something went wrong (a limit, the text, the store's
    /// failure or its own refusal); null while all is well.
    /// </summary>
    private SmtpResponse? _dataRefusal;

    /// <summary>The octets of message data received since the 354, as the client sent them (dots for transparency included).</summary>
    private long _dataReceived;

    /// <summary>How long the server has waited for the client since the 354; its own work and the store's are not counted.</summary>
    private TimeSpan _dataWaited;

    /// <summary>DATA (§4.1.1.4): opens the message in the store, then says 354.</summary>
    private async ValueTask BeginDataAsync()
    {
        if (!await OpenMessageAsync().ConfigureAwait(false))
        {
            Refuse(Verb.Data, _dataRefusal!.Value);
            return;
        }

        _decoder = new MailDataDecoder(_options.MaxTextLineLength);
        _mode = Mode.Data;
        Answer(Verb.Data, SmtpProtocol.Reply.StartMailInput);
    }

    /// <summary>Whether the session speaks LMTP (RFC 2033): one reply for each recipient after the data.</summary>
    private bool IsLmtp => _options.Commands is { RepliesPerRecipient: true };

    /// <summary>
    /// Opens the transaction's message in the store and, unless turned off, gives it the trace headers first (RFC 5321 §4.4);
    /// when the store fails, <see cref="_dataRefusal"/> says how to answer.
    /// </summary>
    private async ValueTask<bool> OpenMessageAsync()
    {
        // A BDAT transaction that RSET, EHLO or STARTTLS ended in this same input may have left its message open.
        await AbortMessageAsync().ConfigureAwait(false);
        // ToArray, not [.. _recipients]: as an IReadOnlyList the collection expression wraps the array in one more object.
        _envelope = new MessageEnvelope(Info.Id, Info.RemoteEndPoint, Info.HeloName!, _reversePath!, _recipients.ToArray(), DateTimeOffset.UtcNow)
        {
            AuthenticatedUser = Info.AuthenticatedUser,
            Submitter = _submitter,
            DeliveryStatus = DeliveryStatus(),
            Body = _body,
            SmtpUtf8 = _utf8Transaction,
            ExtensionParameters = ExtensionParameters(),
        };
        _dataBuffer ??= SessionResources.RentDataBuffer();
        _decoded = 0;
        _dataEnded = false;
        _messageSize = 0;
        _dataRefusal = null;
        _dataReceived = 0;
        _dataWaited = TimeSpan.Zero;
        try
        {
            await MoveOffSocketThreadForStoreAsync();
            _message = await _resources.Store.BeginAsync(_envelope, _abandoning).ConfigureAwait(false);
            if (MessageId.IsValid(_message.Id))
            {
                if (_options.AddTraceHeaders)
                {
                    int length = TraceHeaders.Write(_dataBuffer, _envelope, _options.ServerName, TraceHeaders.Protocol(Info, IsLmtp, _envelope.SmtpUtf8), _message.Id);
                    await _message.WriteAsync(_dataBuffer.AsMemory(0, length), _abandoning).ConfigureAwait(false);
                }

                return true;
            }
        }
        catch (Exception exception) when (!IsStop(exception))
        {
            StoreFailureReply.LogIfFailed(_logger, exception);
            _dataRefusal = StoreFailureReply.For(exception);
            await AbortMessageAsync().ConfigureAwait(false);
            return false;
        }

        // Checked before the 354: once the message is committed, its 250 must be written.
        Log.InvalidMessageId(_logger, _message.Id);
        _dataRefusal = StoreFailureReply.LocalError;
        await AbortMessageAsync().ConfigureAwait(false);
        return false;
    }

    /// <summary>Decodes the next piece of buffered data; the store gets it in <see cref="StoreDataAsync"/>.</summary>
    private Step ProcessData(ref ReadOnlySequence<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            OperationStatus status = _decoder.Decode(buffer.FirstSpan, _dataBuffer, out int consumed, out int written);
            buffer = buffer.Slice(consumed);
            _dataReceived += consumed;
            _decoded = written;
            _dataEnded = status == OperationStatus.Done;
            if (written > 0 || _dataEnded)
            {
                _pending = Pending.StoreData;
                return Step.Await;
            }
        }

        return Step.NeedMoreData;
    }

    /// <summary>
    /// How long to wait for the next piece of data: <see cref="SmtpServerOptions.DataTimeout"/>, or less once the data as a
    /// whole nears its deadline. The client earns a second of waiting for every <see cref="SmtpServerOptions.MinDataRate"/>
    /// octets it sends (up to the size limit); the waiting it did beyond what it earned comes off the timeout.
    /// </summary>
    private TimeSpan TimeLeftForData()
    {
        double earnedSeconds = Math.Min(_dataReceived, _options.MaxMessageSize) / (double)_options.MinDataRate;
        double overdrawnSeconds = _dataWaited.TotalSeconds - earnedSeconds;
        if (overdrawnSeconds <= 0)
        {
            return _options.DataTimeout;
        }

        TimeSpan left = _options.DataTimeout - TimeSpan.FromSeconds(overdrawnSeconds);
        return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }

    /// <summary>Logs why the session times out: a silent client, or, in the data, one slower than the minimum rate.</summary>
    private void LogTimedOut(TimeSpan wait)
    {
        if (_mode is Mode.Data or Mode.Chunk && wait < _options.DataTimeout)
        {
            Log.DataTooSlow(_logger, _dataReceived, _dataWaited + wait, _options.MinDataRate);
        }
        else
        {
            Log.TimedOut(_logger, wait);
        }
    }

    /// <summary>Hands decoded data to the store and, at the end of the data, commits or refuses the message.</summary>
    private async ValueTask StoreDataAsync()
    {
        await WriteMessageAsync().ConfigureAwait(false);
        if (_dataEnded)
        {
            await EndMessageAsync(Verb.Data).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Hands the octets waiting in <see cref="_dataBuffer"/> to the store, counting them against the size limit; a
    /// message over the limit, or one the store failed to take, is dropped and its refusal noted for its end.
    /// </summary>
    private async ValueTask WriteMessageAsync()
    {
        _messageSize += _decoded;
        if (_messageSize > _options.MaxMessageSize && _dataRefusal is null)
        {
            // RFC 1870 §6.3: read on to the end of the data, then 552; nothing of the message is kept.
            _dataRefusal = MessageTooBig;
            await AbortMessageAsync().ConfigureAwait(false);
        }

        if (_message is not null && _decoded > 0)
        {
            try
            {
                await MoveOffSocketThreadForStoreAsync();
                await _message.WriteAsync(_dataBuffer.AsMemory(0, _decoded), _abandoning).ConfigureAwait(false);
            }
            catch (Exception exception) when (!IsStop(exception))
            {
                StoreFailureReply.LogIfFailed(_logger, exception);
                _dataRefusal ??= StoreFailureReply.For(exception);
                await AbortMessageAsync().ConfigureAwait(false);
            }
        }

        _decoded = 0;
    }

    /// <summary>
    /// The end of the message, after DATA's CRLF.CRLF or BDAT's last chunk: 250 only once the store has committed it
    /// (DESIGN: acknowledged means durable). The text checks of DATA's decoder do not apply to chunks, which are octets as they are.
    /// </summary>
    private async ValueTask EndMessageAsync(Verb verb)
    {
        _mode = Mode.Commands;
        if (verb == Verb.Data)
        {
            _dataRefusal ??= TextRefusal();
        }

        string? location = null;
        string? id = _message?.Id;
        if (_dataRefusal is null)
        {
            try
            {
                await MoveOffSocketThreadForStoreAsync();
                location = await _message!.CommitAsync(_abandoning).ConfigureAwait(false);
            }
            catch (Exception exception) when (!IsStop(exception))
            {
                StoreFailureReply.LogIfFailed(_logger, exception);
                _dataRefusal = StoreFailureReply.For(exception);
            }
        }

        await AbortMessageAsync().ConfigureAwait(false);

        // LMTP (RFC 2033 §4.2): one reply for each recipient accepted; the store commits the message for all at once,
        // so they are alike.
        int replies = IsLmtp ? _recipients.Count : 1;
        if (_dataRefusal is { } refusal)
        {
            for (int i = 0; i < replies; i++)
            {
                Write(refusal);
            }

            Advance(verb, refusal.Code.Value);
        }
        else
        {
            _messages++;
            _resources.Metrics.MessageStored(_messageSize);
            LogStored(id!, location!);
            try
            {
                _resources.OnMessageStored(_envelope!, id!, location!);
            }
            catch (Exception exception)
            {
                // The message is stored: a failing observer must not take the 250 or the session away.
                Log.MessageStoredHandlerFailed(_logger, exception);
            }

            Accept(verb, id!, replies);
        }

        ResetTransaction();
    }

    /// <summary>Logs the message stored: its id, size, sender and recipients, and where the store put it.</summary>
    private void LogStored(string id, string location)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            Log.MessageStored(_logger, id, _messageSize, _envelope!.ReversePath, string.Join(", ", _envelope.Recipients.Select(recipient => $"<{recipient}>")), location);
        }
    }

    /// <summary>Answers the end of a stored message with <c>250 2.0.0 OK: queued as ID</c>, <paramref name="replies"/> times (LMTP).</summary>
    private void Accept(Verb verb, string id, int replies)
    {
        Span<byte> utf8 = stackalloc byte[MessageId.MaxLength];
        ReadOnlySpan<byte> idOctets = utf8[..MessageId.Encode(id, utf8)];
        for (int i = 0; i < replies; i++)
        {
            SmtpProtocol.WriteMessageAcceptedReply(_output, idOctets, enhancedStatusCode: Enhanced);
        }

        Advance(verb, 250);
    }

    /// <summary>What DATA's decoder found wrong with the text (§2.3.8 bare line endings, §4.5.3.1.6 long lines); null when nothing.</summary>
    private SmtpResponse? TextRefusal() =>
        _decoder.HasBareLineEnding && _options.BareLineEndings == BareLineEndingHandling.Reject ? BareLineEndingInData
        : _decoder.HasLongLine ? TextLineTooLong
        : null;

    /// <summary>Moves to the thread pool before the store is called, unless it never blocks (<see cref="OffSocketThread"/>).</summary>
    private OffSocketThread.Hop MoveOffSocketThreadForStoreAsync() => OffSocketThread.MoveAsync(needed: _resources.StoreMayBlock);

    /// <summary>
    /// Disposes the store's writer: a message not committed leaves nothing behind. A writer whose disposal fails (or is
    /// cancelled by a stop) is logged and the session goes on: before the commit the message is refused anyway, and after
    /// it the 250 is owed.
    /// </summary>
    private async ValueTask AbortMessageAsync()
    {
        if (_message is { } message)
        {
            _message = null;
            try
            {
                await MoveOffSocketThreadForStoreAsync();
                await message.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // A stop's cancellation here is no failure of the store; the stop itself ends the session.
                if (!IsStop(exception))
                {
                    Log.StoreFailed(_logger, exception);
                }
            }
        }
    }
}
