using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Runtime.CompilerServices;

namespace SmtpGen.Client;

/// <summary>
/// The connection under an <see cref="SmtpClient"/>: sends command lines and mail data from reused buffers,
/// reads replies, bounds every wait by a timeout, and remembers when an error has left the conversation out of
/// step, after which it refuses to go on.
/// </summary>
internal sealed class SmtpChannel : IAsyncDisposable
{
    private readonly ISmtpTranscript? _transcript;

    /// <summary>The connection: as given, or the TLS stream over it.</summary>
    private Stream _stream;
    private PipeReader _input;

    /// <summary>
    /// The source of every wait's token (<see cref="WithTimeoutAsync"/>). It is not disposed of with the channel: between
    /// waits its timer is stopped, and a wait that runs on as the channel is disposed of resets it when it ends.
    /// </summary>
    private CancellationTokenSource _wait = new();

    public SmtpChannel(Stream stream, ISmtpTranscript? transcript)
    {
        _stream = stream;
        _transcript = transcript;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        Replies = new ReplyReader(_input, transcript);
    }

    /// <summary>Command lines written by the generated writers, waiting to be sent.</summary>
    public ArrayBufferWriter<byte> Commands { get; } = new(1024);

    /// <summary>Mail data written by the encoder, waiting to be sent.</summary>
    public ArrayBufferWriter<byte> Data { get; } = new(2 * SmtpClient.DataBlockSize);

    /// <summary>The replies.</summary>
    public ReplyReader Replies { get; private set; }

    /// <summary>Whether the conversation runs over TLS.</summary>
    public bool IsSecure => _stream is SslStream;

    /// <summary>Whether an error (timeout, cancellation, broken connection, protocol violation) ended the conversation.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>Marks the conversation as ended, e.g. after 421.</summary>
    public void Break() => IsBroken = true;

    /// <summary>Sends the command lines in <see cref="Commands"/> from <paramref name="start"/> to <paramref name="end"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendCommandsAsync(int start, int end, TimeSpan timeout, string step, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> lines = Commands.WrittenMemory[start..end];
        Record(lines.Span);
        await WithTimeoutAsync(
            static (channel, lines, token) => channel.WriteAsync(lines, token), lines, timeout, isReply: false, step, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends all of <see cref="Commands"/> and empties it, also when the sending fails.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendCommandsAsync(TimeSpan timeout, string step, CancellationToken cancellationToken)
    {
        try
        {
            await SendCommandsAsync(0, Commands.WrittenCount, timeout, step, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Commands.ResetWrittenCount();
        }
    }

    /// <summary>Sends all of <see cref="Commands"/>, a line that holds a secret, and empties it; the transcript sees <paramref name="shown"/> instead.</summary>
    public async ValueTask SendSecretAsync(string shown, TimeSpan timeout, string step, CancellationToken cancellationToken)
    {
        Record(System.Text.Encoding.UTF8.GetBytes(shown + "\r\n"));
        try
        {
            await WithTimeoutAsync(
                static (channel, lines, token) => channel.WriteAsync(lines, token), Commands.WrittenMemory, timeout, isReply: false, step, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Commands.ResetWrittenCount();
        }
    }

    /// <summary>Sends <see cref="Data"/> and empties it.</summary>
    public ValueTask SendDataAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        SendLineWithDataAsync(0, timeout, "the mail data", cancellationToken);

    /// <summary>
    /// Sends <see cref="Data"/>, whose first <paramref name="lineLength"/> octets are a command line and the rest the octets
    /// that follow it (a BDAT line and its chunk), in one write, and empties it: the server gets both in one segment,
    /// where two writes would make it wait for the second after reading the line.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendLineWithDataAsync(int lineLength, TimeSpan timeout, string step, CancellationToken cancellationToken)
    {
        Record(Data.WrittenSpan[..lineLength]);
        _transcript?.OnData(Data.WrittenSpan[lineLength..]);
        await WithTimeoutAsync(
            static (channel, data, token) => channel.WriteAsync(data, token), Data.WrittenMemory, timeout, isReply: false, step, cancellationToken).ConfigureAwait(false);
        Data.ResetWrittenCount();
    }

    /// <summary>
    /// After a write failed (the conversation broken), reads into <see cref="Replies"/> the reply the server may have sent
    /// before it stopped reading, waiting <paramref name="patience"/> at most; false when none came whole.
    /// </summary>
    public async ValueTask<bool> TryReadLeftReplyAsync(TimeSpan patience)
    {
        using var wait = new CancellationTokenSource(patience);
        try
        {
            await Replies.ReadAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception nothing) when (nothing is OperationCanceledException or IOException or SmtpProtocolException)
        {
            return false;
        }
    }

    /// <summary>Reads the next reply into <see cref="Replies"/>.</summary>
    public ValueTask ReadReplyAsync(TimeSpan timeout, string step, CancellationToken cancellationToken) =>
        WithTimeoutAsync(
            static (channel, _, token) => channel.Replies.ReadAsync(token), ReadOnlyMemory<byte>.Empty, timeout, isReply: true, step, cancellationToken);

    /// <summary>
    /// Secures the connection with TLS: after STARTTLS's 220, or before the greeting with implicit TLS. The server
    /// sends nothing between its 220 and the handshake, so no reply is lost with the plaintext reader.
    /// </summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed, e.g. the server's certificate is not valid.</exception>
    public async ValueTask StartTlsAsync(SslClientAuthenticationOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _input.CompleteAsync().ConfigureAwait(false);
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        _stream = tls;
        _input = PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true));
        Replies = new ReplyReader(_input, _transcript);
        await WithTimeoutAsync(
            static (_, state, token) => new ValueTask(state.Tls.AuthenticateAsClientAsync(state.Options, token)), (Tls: tls, Options: options), timeout, isReply: true, "the TLS handshake", cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        IsBroken = true;
        await _input.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <exception cref="InvalidOperationException">An earlier error ended the conversation.</exception>
    private void ThrowIfBroken()
    {
        if (IsBroken)
        {
            throw new InvalidOperationException("An earlier error ended this SMTP conversation; connect again.");
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> octets, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(octets, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands each CRLF line of <paramref name="lines"/> to the transcript, before they are sent; in a conversation that
    /// an error ended, which sends nothing more, it throws instead, so that the transcript never shows a line never sent.
    /// </summary>
    /// <exception cref="InvalidOperationException">An earlier error ended the conversation.</exception>
    private void Record(ReadOnlySpan<byte> lines)
    {
        ThrowIfBroken();
        if (_transcript is null)
        {
            return;
        }

        while (!lines.IsEmpty)
        {
            int end = lines.IndexOf("\r\n"u8);
            int length = end < 0 ? lines.Length : end + 2;
            _transcript.OnCommand(lines[..length]);
            lines = lines[length..];
        }
    }

    /// <summary>
    /// Runs one wait for the server, bounded by <paramref name="timeout"/>. Whatever interrupts it leaves the
    /// conversation out of step, so the channel is broken; a timeout is reported as a <see cref="TimeoutException"/>
    /// that names the reply or the sending it waited for.
    /// </summary>
    /// <remarks>
    /// Every wait of the channel takes its token from one source (<see cref="_wait"/>), armed with the wait's timeout and
    /// tied to <paramref name="cancellationToken"/> for the wait, then reset. (A source linked to the caller's token and a
    /// timer of its own for every wait, five or six waits a message, were a quarter of what a message cost the client in
    /// allocations.) A source that the timeout or the caller cancelled just as the wait ended in time cannot be reset, and
    /// is replaced.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WithTimeoutAsync<TArgument>(
        Func<SmtpChannel, TArgument, CancellationToken, ValueTask> operation,
        TArgument argument,
        TimeSpan timeout,
        bool isReply,
        string step,
        CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        CancellationTokenSource wait = _wait;
        wait.CancelAfter(TimerSpan.Of(timeout));
        CancellationTokenRegistration caller = cancellationToken.UnsafeRegister(static wait => ((CancellationTokenSource)wait!).Cancel(), wait);
        try
        {
            await operation(this, argument, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && wait.IsCancellationRequested)
        {
            IsBroken = true;
            throw new TimeoutException(isReply
                ? $"The server did not reply to {step} within {timeout} (RFC 5321 §4.5.3.2)."
                : $"Sending {step} took longer than {timeout} (RFC 5321 §4.5.3.2).");
        }
        catch (OperationCanceledException interrupted) when (cancellationToken.IsCancellationRequested)
        {
            // The caller cancelled: its token, not the channel's own, is the one the exception carries.
            IsBroken = true;
            throw new OperationCanceledException(interrupted.Message, interrupted, cancellationToken);
        }
        catch
        {
            IsBroken = true;
            throw;
        }
        finally
        {
            // Unregistering waits for the caller's cancellation if it is running, so nothing cancels the source after this.
            caller.Dispose();
            if (!wait.TryReset())
            {
                wait.Dispose();
                _wait = new CancellationTokenSource();
            }
        }
    }
}
