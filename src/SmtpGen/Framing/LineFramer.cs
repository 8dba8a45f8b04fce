using System.Buffers;

namespace SmtpGen;

/// <summary>Finds where a CRLF-terminated line ends in received input (RFC 5321 §2.3.8).</summary>
public static class LineFramer
{
    /// <summary>Finds the first line in <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The input received so far.</param>
    /// <param name="maxLength">The longest line allowed in octets, CRLF included.</param>
    /// <param name="length">
    /// For <see cref="LineFrame.Complete"/> and <see cref="LineFrame.BareLineFeed"/>, the octets up to and
    /// including the LF; otherwise 0.
    /// </param>
    /// <returns>What the buffer starts with.</returns>
    public static LineFrame TryFindLine(ReadOnlySpan<byte> buffer, int maxLength, out int length)
    {
        // A line longer than maxLength cannot end beyond it, so the search never looks further.
        int lineFeed = buffer[..Math.Min(buffer.Length, maxLength)].IndexOf((byte)'\n');
        if (lineFeed < 0)
        {
            length = 0;
            return buffer.Length < maxLength ? LineFrame.Incomplete : LineFrame.TooLong;
        }

        length = lineFeed + 1;
        return lineFeed > 0 && buffer[lineFeed - 1] == (byte)'\r' ? LineFrame.Complete : LineFrame.BareLineFeed;
    }

    /// <summary>
    /// Finds the first line in the unread part of <paramref name="reader"/> and, when it is
    /// <see cref="LineFrame.Complete"/> or <see cref="LineFrame.BareLineFeed"/>, advances the reader past it.
    /// </summary>
    /// <param name="reader">The input received so far (e.g. from a <c>PipeReader</c>).</param>
    /// <param name="maxLength">The longest line allowed in octets, CRLF included.</param>
    /// <param name="line">The line, LF included, when the reader was advanced; otherwise empty.</param>
    /// <returns>What the unread input starts with.</returns>
    public static LineFrame TryReadLine(ref SequenceReader<byte> reader, int maxLength, out ReadOnlySequence<byte> line)
    {
        ReadOnlySequence<byte> unread = reader.UnreadSequence;
        ReadOnlySequence<byte> window = unread.Length > maxLength ? unread.Slice(0, maxLength) : unread;
        SequencePosition? lineFeed = window.PositionOf((byte)'\n');
        if (lineFeed is null)
        {
            line = default;
            return unread.Length < maxLength ? LineFrame.Incomplete : LineFrame.TooLong;
        }

        line = unread.Slice(0, window.GetPosition(1, lineFeed.Value));
        bool carriageReturn = line.Length > 1 && reader.TryPeek(line.Length - 2, out byte previous) && previous == (byte)'\r';
        reader.Advance(line.Length);
        return carriageReturn ? LineFrame.Complete : LineFrame.BareLineFeed;
    }
}
