using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>
/// One SMTP session over one connection: frames the input, parses each command with the generated parser,
/// checks it against the generated state table and answers with preformatted replies. Replies are written
/// without flushing while more input is already buffered, so a pipelining client (RFC 2920) gets the replies
/// to a batch of commands in one write; they are flushed whenever the session is about to wait for input.
/// </summary>
internal sealed partial class SmtpSession
{
    private readonly SmtpServerOptions _options;
    private readonly SessionResources _resources;
    private readonly SocketTransport _transport;

    /// <summary>The connection's pipes: plaintext, or through TLS once it is started.</summary>
    private PipeReader _input;
    private PipeWriter _output;
    private readonly ILogger _logger;

    /// <summary>The server's stop: the session reads no more, and ends with 421.</summary>
    private readonly CancellationToken _stopping;

    /// <summary>The end of a stop's grace period: the store's work on the message is cancelled (<see cref="SmtpServerOptions.StopGracePeriod"/>).</summary>
    private readonly CancellationToken _abandoning;

    /// <summary>
    /// The deadline of what the session waits for: the client's next input, or a policy hook's or the user store's
    /// answer (<see cref="SmtpServerOptions.PolicyTimeout"/>). One wait runs at a time. The listener disposes it after the session.
    /// </summary>
    private readonly SessionDeadline _deadline;

    private Mode _mode = Mode.Commands;
    private SmtpProtocol.State _state = SmtpProtocol.InitialState;

    /// <summary>What a command handler sees of this session; made when a handler is first asked.</summary>
    private SmtpCommandContext? _context;
    private int _errors;
    private int _messages;

    /// <summary>
    /// The command a refusal is logged with: the verb of the line being answered (DATA's, BDAT's or AUTH's until their
    /// data or exchange ends), a line's first word where it did not parse; null before the first line, and for such a line when the log would not
    /// show it.
    /// </summary>
    private string? _command;

    public SmtpSession(SmtpSessionInfo info, SessionResources resources, SocketTransport transport, SessionDeadline deadline, ILogger logger, CancellationToken stopping, CancellationToken abandoning)
    {
        Info = info;
        _resources = resources;
        _options = resources.Options;
        _transport = transport;
        _input = transport.Input;
        _output = transport.Output;
        _logger = logger;
        _stopping = stopping;
        _abandoning = abandoning;
        _deadline = deadline;
    }

    /// <summary>What the session does with the input that comes next.</summary>
    private enum Mode
    {
        /// <summary>Reads command lines.</summary>
        Commands,

        /// <summary>Drops the rest of a command line that was too long, up to its CRLF.</summary>
        SkippingLongLine,

        /// <summary>Reads message data after 354, up to CRLF.CRLF.</summary>
        Data,

        /// <summary>STARTTLS was answered 220: the TLS handshake comes before any more input is read.</summary>
        StartingTls,

        /// <summary>BDAT's line was read: its chunk of octets comes next (RFC 3030).</summary>
        Chunk,

        /// <summary>AUTH was answered 334: the next line is the client's response to the challenge (RFC 4954 §4).</summary>
        Authenticating,

        /// <summary>The session is over: the server said 221 or 421.</summary>
        Closed,
    }

    /// <summary>What processing the buffered input asks of the read loop.</summary>
    private enum Step
    {
        /// <summary>The buffer holds no complete unit: read more.</summary>
        NeedMoreData,

        /// <summary>A unit was handled; go on with the buffer.</summary>
        Continue,

        /// <summary>A unit needs asynchronous work (a policy, the store) before going on.</summary>
        Await,
    }

    public SmtpSessionInfo Info { get; }

    /// <summary>Where the session stands in SMTP's state machine.</summary>
    internal SmtpProtocol.State State
    {
        get => _state;
        set => _state = value;
    }

    /// <summary>Greets the client and serves it until QUIT, a 421, the end of the connection or the server's stop.</summary>
    public async Task RunAsync()
    {
        try
        {
            if (_options.ImplicitTls && !await TryStartTlsAsync(droppedPlaintext: 0).ConfigureAwait(false))
            {
                return;
            }

            await GreetAsync().ConfigureAwait(false);

            while (_mode != Mode.Closed)
            {
                // A BDAT transaction's deadline runs between its chunks too: a client cannot drip one octet a chunk.
                bool inData = _mode is Mode.Data or Mode.Chunk || _chunking;
                TimeSpan wait = inData ? TimeLeftForData() : TimeLeftForCommand();
                long waitStarted = Stopwatch.GetTimestamp();
                CancellationToken timeout = _deadline.Start(waitStarted, wait);
                ReadResult read;
                try
                {
                    // §4.5.3.2.7: the client has this long to take its replies and send more; a client that
                    // neither reads nor writes cannot hold its session (and the server's stop) forever.
                    if (_output.UnflushedBytes > 0)
                    {
                        await _output.FlushAsync(timeout).ConfigureAwait(false);
                    }

                    read = await _input.ReadAsync(timeout).ConfigureAwait(false);
                    _deadline.Stop();
                }
                catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
                {
                    LogTimedOut(wait);
                    Close(SmtpProtocol.Reply.Timeout);
                    break;
                }

                if (inData)
                {
                    _dataWaited += Stopwatch.GetElapsedTime(waitStarted);
                }

                ReadOnlySequence<byte> buffer = read.Buffer;
                bool outputFull = false;
                try
                {
                    outputFull = await ProcessAsync(buffer, read.IsCompleted).ConfigureAwait(false);
                }
                finally
                {
                    // Input left while the replies drain is not examined, so the next read returns it at once.
                    _input.AdvanceTo(_consumed, outputFull ? _consumed : buffer.End);
                }

                long unread = buffer.Slice(_consumed).Length;
                NoteUnfinishedCommand(!outputFull && unread > 0);
                if (_quitAnswered && unread == 0)
                {
                    // QUIT was the client's last command: the close need not wait for anything more from it.
                    _transport.ClientHasFinished();
                }

                if (read.IsCompleted && !outputFull)
                {
                    _transport.ClientHasFinished();
                    if (_mode != Mode.Closed && _logger.IsEnabled(LogLevel.Information))
                    {
                        Log.ClientClosed(_logger, Where());
                    }

                    break;
                }

                // What came after STARTTLS in plaintext is dropped with the plaintext pipe, never read as commands.
                if (_mode == Mode.StartingTls && await TryStartTlsAsync(unread).ConfigureAwait(false))
                {
                    _mode = Mode.Commands;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                Log.StoppedSession(_logger, Where());
            }

            Close(SmtpProtocol.Reply.ShuttingDown);
        }
        catch (IOException exception)
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                Log.ConnectionBroke(_logger, Where(), exception.Message);
            }
        }
        catch (Exception) when (_mode is not (Mode.Closed or Mode.StartingTls))
        {
            // A failure of the server's own code, or of code it calls that has no reply of its own (a logger): the
            // session cannot go on, and RFC 5321 §3.8 has a server that ends one say 421 first, so that the client
            // knows the command was not taken and may try again later (a client starting TLS would read it as its
            // handshake's). The listener logs the failure.
            CloseAfterFailure();
            throw;
        }
        finally
        {
            await AbortMessageAsync().ConfigureAwait(false);
            await FlushQuietlyAsync().ConfigureAwait(false);
            SessionResources.ReturnDataBuffer(ref _dataBuffer);
            Log.SessionEnded(_logger, _messages);
        }
    }

    /// <summary>
    /// The octets of replies the session writes before it stops handling input until they are sent. Replies wait for the
    /// flush before the next read, so without a budget a client that pipelines and never reads would make the server hold
    /// the replies to a whole read of commands (64 KiB of EHLO: nearly 1 MiB of replies). With it, such a client is no longer
    /// read once its replies fill this budget and the connection's send buffer (<see cref="SocketTransport"/>), and the
    /// timeout cuts it. RFC 2920's batches (MAIL, a hundred RCPT, DATA) get their replies in one write.
    /// </summary>
    private const int OutputBudget = 4 * 1024;

    /// <summary>Where the read loop got to in the current buffer.</summary>
    private SequencePosition _consumed;

    /// <summary>When the command line still unfinished began to arrive (a <see cref="Stopwatch"/> timestamp); 0 when none is.</summary>
    private long _commandStartedAt;

    /// <summary>
    /// The command timeout bounds a whole command, not each read: a client that sends a line an octet at a time
    /// just within the timeout would otherwise hold its session for hours per line.
    /// </summary>
    private TimeSpan TimeLeftForCommand()
    {
        if (_commandStartedAt == 0)
        {
            return _options.CommandTimeout;
        }

        TimeSpan left = _options.CommandTimeout - Stopwatch.GetElapsedTime(_commandStartedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }

    /// <summary>Starts or ends the clock of an unfinished command line after the buffered input was handled.</summary>
    private void NoteUnfinishedCommand(bool inputLeft)
    {
        // An AUTH response is a line as a command is: the command timeout bounds the whole of it (RFC 4954 §4's 12,288 octets).
        bool unfinished = _mode is Mode.SkippingLongLine or Mode.Authenticating || (_mode == Mode.Commands && inputLeft);
        if (!unfinished)
        {
            _commandStartedAt = 0;
        }
        else if (_commandStartedAt == 0)
        {
            _commandStartedAt = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>
    /// Handles every complete unit (command line or data) in the buffer, awaiting the work some of them ask for; stops early
    /// once the replies not yet sent reach <see cref="OutputBudget"/>.
    /// </summary>
    /// <returns>Whether it stopped for the replies to drain, with input left in the buffer.</returns>
    private async ValueTask<bool> ProcessAsync(ReadOnlySequence<byte> buffer, bool isCompleted)
    {
        _consumed = buffer.Start;
        while (_mode != Mode.Closed)
        {
            Step step = ProcessNext(ref buffer);
            _consumed = buffer.Start;
            if (step == Step.NeedMoreData)
            {
                break;
            }

            if (step == Step.Await)
            {
                await RunPendingAsync().ConfigureAwait(false);
            }

            if (_output.UnflushedBytes >= OutputBudget && _mode != Mode.Closed && !buffer.IsEmpty)
            {
                return true;
            }
        }

        if (_message is not null && !_chunking && _mode != Mode.Data)
        {
            // RSET, EHLO or HELO ended a BDAT transaction between its chunks: its message goes, unacknowledged, whatever
            // comes next (a TLS handshake or an AUTH exchange may hold the session a while).
            await AbortMessageAsync().ConfigureAwait(false);
        }

        if (isCompleted && _mode == Mode.Commands && !buffer.IsEmpty)
        {
            // The connection closed in the middle of a line: it has no CRLF, so it is not a command.
            Reply(SmtpProtocol.Reply.BadLineEnding);
        }

        return false;
    }

    /// <summary>Handles the next unit of buffered input, synchronously.</summary>
    private Step ProcessNext(ref ReadOnlySequence<byte> buffer) => _mode switch
    {
        Mode.Commands => ProcessCommandLine(ref buffer),
        Mode.SkippingLongLine => SkipLongLine(ref buffer),
        Mode.Data => ProcessData(ref buffer),
        Mode.Authenticating => ProcessAuthenticationResponse(ref buffer),
        Mode.Chunk => ProcessChunk(ref buffer),
        _ => Step.NeedMoreData,
    };

    private Step ProcessCommandLine(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        switch (LineFramer.TryReadLine(ref reader, _options.MaxCommandLineLength, out ReadOnlySequence<byte> line))
        {
            case LineFrame.Complete:
                buffer = buffer.Slice(reader.Position);
                return HandleCommand(line);
            case LineFrame.TooLong when StartsAChunk(buffer):
                _command = NameOfUnparsed(buffer);
                // A BDAT line longer than any line read: the chunk after it starts where nothing says, so the session
                // ends (500, then 421) rather than take its octets for commands.
                Error(SmtpProtocol.Reply.LineTooLong);
                Close(SmtpProtocol.Reply.ServiceNotAvailable);
                return Step.Continue;
            case LineFrame.TooLong:
                // §4.5.3.1.4: 500 for the line, then drop the rest of it up to its CRLF; never resume inside it.
                _command = NameOfUnparsed(buffer);
                Error(SmtpProtocol.Reply.LineTooLong);
                if (_mode != Mode.Closed)
                {
                    _mode = Mode.SkippingLongLine;
                }

                return Step.Continue;
            default:
                return Step.NeedMoreData;
        }
    }

    /// <summary>Whether input longer than a line may be (64 octets and more) starts with a BDAT line, however its octets are split.</summary>
    private static bool StartsAChunk(ReadOnlySequence<byte> buffer)
    {
        Span<byte> start = stackalloc byte[5];
        buffer.Slice(0, start.Length).CopyTo(start);
        return ChunkLines.IsChunkLine(start);
    }

    private Step SkipLongLine(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        bool skipped = LineFramer.SkipLine(ref reader);
        buffer = buffer.Slice(reader.Position);
        if (!skipped)
        {
            return Step.NeedMoreData;
        }

        _mode = Mode.Commands;
        return Step.Continue;
    }

    /// <summary>Whether the session ended with its 221 to QUIT, rather than a 421.</summary>
    private bool _quitAnswered;

    /// <summary>Writes the reply and ends the session (221 to QUIT, or a 421).</summary>
    private void Close(SmtpProtocol.Reply reply)
    {
        if (_mode == Mode.Closed)
        {
            return;
        }

        Reply(reply);
        _mode = Mode.Closed;
        _quitAnswered = reply == SmtpProtocol.Reply.Closing;
    }

    /// <summary>Ends the session with 421 after a failure, unless the reply cannot be written (the output failed too).</summary>
    private void CloseAfterFailure()
    {
        try
        {
            Close(SmtpProtocol.Reply.ServiceNotAvailable);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            _mode = Mode.Closed;
        }
    }

    /// <summary>
    /// Sends what is left (a 221 or 421), waiting a little for a client that does not read. The socket nearly always takes
    /// it at once; only a flush that does not end at once is given a timer.
    /// </summary>
    private async ValueTask FlushQuietlyAsync()
    {
        CancellationTokenSource? patience = null;
        try
        {
            FlushResult flushed;
            ValueTask<FlushResult> flushing = _output.FlushAsync();
            if (flushing.IsCompletedSuccessfully)
            {
                flushed = flushing.Result;
            }
            else
            {
                patience = new CancellationTokenSource(SocketTransport.ClosingPatience);
                using (patience.Token.UnsafeRegister(static output => ((PipeWriter)output!).CancelPendingFlush(), _output))
                {
                    flushed = await flushing.ConfigureAwait(false);
                }
            }

            if (flushed.IsCanceled && patience?.IsCancellationRequested != true)
            {
                // A cancellation left in the writer by a wait the stop cancelled ends this flush unsent (the stream's
                // writer reports it once, then resets): the second flush sends the 421.
                patience ??= new CancellationTokenSource(SocketTransport.ClosingPatience);
                await _output.FlushAsync(patience.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The client is gone, or does not read: there is no one left to tell.
        }
        finally
        {
            patience?.Dispose();
        }
    }

    /// <summary>Where the session stood, for the log line of a connection that ended without QUIT: the client's doing, or the server's stop.</summary>
    private string Where() => _mode switch
    {
        Mode.Data => string.Create(CultureInfo.InvariantCulture, $"in the message data, after {_dataReceived} octets"),
        Mode.Chunk => string.Create(CultureInfo.InvariantCulture, $"in a BDAT chunk, after {_dataReceived} octets of the message's chunks"),
        Mode.Authenticating => "in the middle of AUTH",
        Mode.StartingTls => "before the TLS handshake",
        _ when _mode == Mode.SkippingLongLine || _commandStartedAt != 0 => $"in the middle of a command line, in state {_state}",
        _ => $"in state {_state}",
    };

    /// <summary>Starts the deadline of a policy hook's or the user store's answer: the token the hook is given.</summary>
    private CancellationToken StartHookDeadline() => _deadline.Start(Stopwatch.GetTimestamp(), _options.PolicyTimeout);

    /// <summary>Whether a hook given <paramref name="deadline"/> gave up because its time was up, not because the server stops.</summary>
    private bool TimedOut(Exception exception, CancellationToken deadline) =>
        exception is OperationCanceledException && deadline.IsCancellationRequested && !_stopping.IsCancellationRequested;

    /// <summary>
    /// Whether an exception from a policy or the store is the server's stop, rather than the hook's own failure (the grace
    /// period that cancels the store's work begins with the stop).
    /// </summary>
    private bool IsStop(Exception exception) => exception is OperationCanceledException && _stopping.IsCancellationRequested;
}
