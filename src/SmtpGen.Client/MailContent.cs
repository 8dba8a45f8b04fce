using System.Buffers;

namespace SmtpGen.Client;

/// <summary>The message to send: octets already in memory, or a stream read block by block.</summary>
internal readonly struct MailContent
{
    private MailContent(ReadOnlySequence<byte> octets, Stream? stream)
    {
        Octets = octets;
        Stream = stream;
    }

    /// <summary>The message when it is in memory.</summary>
    public ReadOnlySequence<byte> Octets { get; }

    /// <summary>The message when it is a stream, read from its current position to its end.</summary>
    public Stream? Stream { get; }

    /// <summary>
    /// The message's size when known beforehand, for RFC 1870's <c>SIZE=</c>: the octets sent after 354, line endings
    /// included but not the stuffed dots or the final dot. In memory it is counted as
    /// <see cref="MailDataEncoder"/> sends the message: each bare CR or LF as a CRLF, and a CRLF after a last line that
    /// has none. A seekable stream's is its remaining length, exact for a message of CRLF lines; another stream's is unknown.
    /// </summary>
    public long? Length => Stream is null ? SentLength(Octets) : Stream.CanSeek ? Stream.Length - Stream.Position : null;

    /// <summary>
    /// Whether the message may hold octets above 127, for RFC 6152's <c>BODY=8BITMIME</c>: checked in memory,
    /// assumed for a stream.
    /// </summary>
    public bool MayHaveEightBitOctets
    {
        get
        {
            if (Stream is not null)
            {
                return true;
            }

            foreach (ReadOnlyMemory<byte> segment in Octets)
            {
                if (segment.Span.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// What in the message only binary transport can carry as it is (RFC 3030 §3), in memory: a NUL octet, which no text
    /// holds (RFC 5322 §2.3), and a line of more than 998 octets, which RFC 5321 §4.5.3.1.6 does not oblige a server to
    /// take. A bare CR or LF is neither: text goes with CRLF lines, and DATA writes them so. A stream is not read ahead.
    /// </summary>
    public (bool Nul, bool LongLine) FindBinary()
    {
        bool longLine = false;
        long line = 0;
        foreach (ReadOnlyMemory<byte> segment in Octets)
        {
            ReadOnlySpan<byte> octets = segment.Span;
            if (octets.Contains((byte)0))
            {
                return (true, longLine);
            }

            // The line that goes on from the last segment, then each one this segment ends, then the one it leaves open.
            int end;
            while ((end = octets.IndexOfAny((byte)'\r', (byte)'\n')) >= 0)
            {
                longLine |= line + end > MaxTextLine;
                line = 0;
                octets = octets[(end + 1)..];
            }

            line += octets.Length;
            longLine |= line > MaxTextLine;
        }

        return (false, longLine);
    }

    /// <summary>The longest text line, without its CRLF (RFC 5321 §4.5.3.1.6).</summary>
    private const int MaxTextLine = 998;

    /// <summary>
    /// Whether the message goes on the wire exactly as it is: in memory, of CRLF lines only (or empty), so that BDAT's
    /// octets as they are and DATA's encoded ones deliver the same message.
    /// </summary>
    public bool IsSentAsIs => Stream is null && SentLength(Octets) == Octets.Length;

    public static MailContent From(ReadOnlySequence<byte> octets) => new(octets, stream: null);

    /// <summary>The octets <see cref="MailDataEncoder"/> sends for <paramref name="message"/>, without its stuffed dots and its final dot.</summary>
    private static long SentLength(ReadOnlySequence<byte> message)
    {
        long bareLineEndings = 0;
        byte last = (byte)'\n';
        foreach (ReadOnlyMemory<byte> segment in message)
        {
            ReadOnlySpan<byte> octets = segment.Span;
            if (octets.IsEmpty)
            {
                continue;
            }

            // Every CR and LF not in a CRLF pair is sent as CRLF, one octet more; a pair may straddle two segments.
            int pairs = octets.Count("\r\n"u8) + (last == (byte)'\r' && octets[0] == (byte)'\n' ? 1 : 0);
            bareLineEndings += octets.Count((byte)'\r') + octets.Count((byte)'\n') - (2 * pairs);
            last = octets[^1];
        }

        bool endsWithLineEnding = last is (byte)'\r' or (byte)'\n';
        return message.Length + bareLineEndings + (endsWithLineEnding ? 0 : 2);
    }

    public static MailContent From(Stream stream) => new(ReadOnlySequence<byte>.Empty, stream);
}
