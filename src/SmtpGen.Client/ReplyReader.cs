using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Client;

/// <summary>
/// Reads whole replies from the server: frames CRLF lines, parses them with the generated reply parser and
/// keeps the text of the last reply in a buffer that is reused, so reading a reply allocates nothing.
/// </summary>
internal sealed class ReplyReader(PipeReader input, ISmtpTranscript? transcript)
{
    private static readonly int MaxLine = SmtpProtocol.ReplySyntax.MaxLineLength;

    /// <summary>
    /// The most lines one reply may have. RFC 5321 sets no limit; real EHLO replies have a few dozen. A server
    /// that sends more is broken or hostile, and the client would otherwise keep its lines without end.
    /// </summary>
    internal const int MaxLines = 1000;

    private readonly ArrayBufferWriter<byte> _text = new(SmtpProtocol.ReplySyntax.MaxLineLength);
    private readonly List<Range> _lines = [];
    private ReplyAccumulator _accumulator = SmtpProtocol.CreateReplyAccumulator();

    /// <summary>The code of the last reply read.</summary>
    public ReplyCode Code => _accumulator.Code;

    /// <summary>Whether octets that came after the last reply read were already received with it.</summary>
    public bool HasFollowing { get; private set; }

    /// <summary>Reads the next whole reply.</summary>
    /// <exception cref="SmtpProtocolException">The reply is malformed, or the server closed the connection first.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadAsync(CancellationToken cancellationToken)
    {
        _text.ResetWrittenCount();
        _lines.Clear();
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (TakeLines(result.Buffer, out SequencePosition consumed))
            {
                // What follows the reply is not examined yet: the replies to pipelined commands may be there.
                HasFollowing = !result.Buffer.Slice(consumed).IsEmpty;
                input.AdvanceTo(consumed);
                return;
            }

            input.AdvanceTo(consumed, result.Buffer.End);

            if (result.IsCompleted || result.IsCanceled)
            {
                throw new SmtpProtocolException(_lines.Count == 0
                    ? "The server closed the connection instead of replying."
                    : "The server closed the connection in the middle of a multi-line reply.");
            }
        }
    }

    /// <summary>The last reply read, with its text decoded.</summary>
    public SmtpReply ToReply()
    {
        var lines = new string[_lines.Count];
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = Encoding.UTF8.GetString(_text.WrittenSpan[_lines[i]]);
        }

        return new SmtpReply(_accumulator.Code, _accumulator.EnhancedStatusCode, lines);
    }

    /// <summary>Takes lines from <paramref name="buffer"/> until a reply is complete or the buffer runs out.</summary>
    private bool TakeLines(ReadOnlySequence<byte> buffer, out SequencePosition consumed)
    {
        var reader = new SequenceReader<byte>(buffer);
        try
        {
            while (true)
            {
                switch (LineFramer.TryReadLine(ref reader, MaxLine, out ReadOnlySequence<byte> line))
                {
                    case LineFrame.Incomplete when reader.UnreadSequence.PositionOf((byte)'\n') is { } lineFeed:
                        // A line ended by LF alone: no CRLF would ever end it, and the client would wait out its timeout.
                        throw new SmtpProtocolException(
                            $"The server ended a reply line with a bare LF, not CRLF (RFC 5321 §2.3.8): \"{ShownLine.Of(reader.UnreadSequence.Slice(0, lineFeed).ToArray())}\".");
                    case LineFrame.Incomplete:
                        return false;
                    case LineFrame.TooLong:
                        throw new SmtpProtocolException($"The server sent a reply line longer than {MaxLine} octets (RFC 5321 §4.5.3.1.5).");
                }

                if (Add(line))
                {
                    return true;
                }
            }
        }
        finally
        {
            consumed = reader.Position;
        }
    }

    /// <summary>Parses one line into the reply; returns whether it was the reply's last.</summary>
    private bool Add(ReadOnlySequence<byte> sequence)
    {
        Span<byte> copy = stackalloc byte[MaxLine];
        ReadOnlySpan<byte> line = sequence.IsSingleSegment ? sequence.FirstSpan : copy[..CopyTo(sequence, copy)];
        transcript?.OnReply(line);
        if (_accumulator.Add(line, out ReplyLine parsed) != ReplyStatus.Ok)
        {
            throw new SmtpProtocolException($"The server sent a malformed reply line: \"{ShownLine.Of(line)}\" (RFC 5321 §4.2).");
        }

        if (_lines.Count == MaxLines)
        {
            throw new SmtpProtocolException($"The server sent a reply of more than {MaxLines} lines.");
        }

        int start = _text.WrittenCount;
        _text.Write(parsed.Text);
        _lines.Add(start.._text.WrittenCount);
        return _accumulator.IsComplete;
    }

    private static int CopyTo(ReadOnlySequence<byte> sequence, Span<byte> destination)
    {
        sequence.CopyTo(destination);
        return (int)sequence.Length;
    }
}
