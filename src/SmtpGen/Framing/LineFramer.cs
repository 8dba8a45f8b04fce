using System.Buffers;

namespace SmtpGen;

/// <summary>
/// Finds where a line ends in received input. Only CRLF ends a line (RFC 5321 §2.3.8): a bare CR or LF
/// stays inside the line it appears in, where the line's parser refuses it. A receiver therefore never
/// resumes reading after a bare LF, the leniency that SMTP smuggling exploits.
/// </summary>
public static class LineFramer
{
    /// <summary>Finds the first line in <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The input received so far.</param>
    /// <param name="maxLength">The longest line allowed in octets, CRLF included.</param>
    /// <param name="length">For <see cref="LineFrame.Complete"/>, the octets up to and including the CRLF; otherwise 0.</param>
    /// <returns>What the buffer starts with.</returns>
    public static LineFrame TryFindLine(ReadOnlySpan<byte> buffer, int maxLength, out int length)
    {
        // A line longer than maxLength cannot end beyond it, so the search never looks further.
        int lineEnd = buffer[..Math.Min(buffer.Length, maxLength)].IndexOf("\r\n"u8);
        if (lineEnd < 0)
        {
            length = 0;
            return buffer.Length < maxLength ? LineFrame.Incomplete : LineFrame.TooLong;
        }

        length = lineEnd + 2;
        return LineFrame.Complete;
    }

    /// <summary>
    /// Finds the first line in the unread part of <paramref name="reader"/> and, when it is
    /// <see cref="LineFrame.Complete"/>, advances the reader past it.
    /// </summary>
    /// <param name="reader">The input received so far (e.g. from a <c>PipeReader</c>).</param>
    /// <param name="maxLength">The longest line allowed in octets, CRLF included.</param>
    /// <param name="line">The line, CRLF included, when the reader was advanced; otherwise empty.</param>
    /// <returns>What the unread input starts with.</returns>
    public static LineFrame TryReadLine(ref SequenceReader<byte> reader, int maxLength, out ReadOnlySequence<byte> line)
    {
        ReadOnlySequence<byte> unread = reader.UnreadSequence;
        var window = new SequenceReader<byte>(unread.Length > maxLength ? unread.Slice(0, maxLength) : unread);
        if (!window.TryReadTo(out ReadOnlySequence<byte> _, "\r\n"u8))
        {
            line = default;
            return unread.Length < maxLength ? LineFrame.Incomplete : LineFrame.TooLong;
        }

        line = unread.Slice(0, window.Consumed);
        reader.Advance(window.Consumed);
        return LineFrame.Complete;
    }

    /// <summary>
    /// Drops the rest of a line that <see cref="TryReadLine"/> found <see cref="LineFrame.TooLong"/>, so that reading
    /// never resumes inside it (RFC 5321 §4.5.3.1.4: the line is answered 500 and its octets are not commands). Call it
    /// with each new input until it returns true, and each time keep only the input from the reader's position on: unlike
    /// a <c>Try</c> method it moves the reader whatever it returns, so that an endless line is never held whole.
    /// </summary>
    /// <param name="reader">The input received so far.</param>
    /// <returns>
    /// True when the line's CRLF was found: the reader is past it, at the next line. False when it has not come yet:
    /// the reader is past all the input but a last CR, which may be the first half of the CRLF.
    /// </returns>
    public static bool SkipLine(ref SequenceReader<byte> reader)
    {
        if (reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n"u8))
        {
            return true;
        }

        long dropped = reader.Remaining;
        if (dropped > 0 && reader.UnreadSequence.Slice(dropped - 1).FirstSpan[0] == (byte)'\r')
        {
            dropped--;
        }

        reader.Advance(dropped);
        return false;
    }
}
