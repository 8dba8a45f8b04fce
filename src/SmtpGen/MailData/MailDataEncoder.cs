using System.Buffers;

namespace SmtpGen;

/// <summary>
/// Encodes a message as the mail data that follows a 354 reply (RFC 5321 §4.5.2): puts a dot before every
/// line that begins with one, writes a bare CR or LF as CRLF (§2.3.8 allows no other line ending, and a
/// receiver that took a bare LF for one could be made to end the message early), and ends the data with
/// <c>CRLF . CRLF</c>. Other protocols frame their multi-line blocks the same way (POP3's RETR, RFC 1939 §3; NNTP's
/// articles and lists, RFC 3977 §3.1.1).
/// </summary>
/// <remarks>
/// A mutable struct that carries its place between calls, so a message may be encoded in pieces split
/// anywhere. A message already made of CRLF lines is sent octet for octet, apart from the added dots.
/// </remarks>
public partial struct MailDataEncoder
{
    private Position _position;

    /// <summary>Where the encoder stands in the message.</summary>
    private enum Position : byte
    {
        /// <summary>At the start of the message or after a line ending.</summary>
        LineStart,

        /// <summary>Inside a line.</summary>
        InLine,

        /// <summary>A CR inside a line, not yet written: the next octet says whether it is a CRLF.</summary>
        CarriageReturn,
    }

    /// <summary>Encodes the next piece of the message.</summary>
    /// <param name="source">The message octets that follow those encoded before.</param>
    /// <param name="destination">Where to write the mail data.</param>
    public void Encode(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        while (!source.IsEmpty)
        {
            // Whole CRLF lines take the fast path; what it leaves (a bare CR or LF, too little input) takes the switch.
            if (_position == Position.LineStart && source.Length >= LineMasks.Block)
            {
                source = source[EncodeCleanLines(source, destination, out bool inLine)..];
                _position = inLine ? Position.InLine : Position.LineStart;
                if (source.IsEmpty)
                {
                    break;
                }
            }

            byte next = source[0];
            switch (_position)
            {
                case Position.LineStart when next == (byte)'.':
                    destination.Write(".."u8);
                    _position = Position.InLine;
                    source = source[1..];
                    break;
                case Position.LineStart:
                    _position = Position.InLine;
                    break;
                case Position.CarriageReturn:
                    destination.Write("\r\n"u8);
                    _position = Position.LineStart;
                    source = next == (byte)'\n' ? source[1..] : source;
                    break;
                case Position.InLine when next == (byte)'\r':
                    _position = Position.CarriageReturn;
                    source = source[1..];
                    break;
                case Position.InLine when next == (byte)'\n':
                    destination.Write("\r\n"u8);
                    _position = Position.LineStart;
                    source = source[1..];
                    break;
                default:
                    int end = source.IndexOfAny((byte)'\r', (byte)'\n');
                    int run = end < 0 ? source.Length : end;
                    destination.Write(source[..run]);
                    source = source[run..];
                    break;
            }
        }
    }

    /// <summary>Ends the data: a CRLF if the message did not end with a line ending, then <c>. CRLF</c>.</summary>
    /// <param name="destination">Where to write.</param>
    public void Complete(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(_position == Position.LineStart ? ".\r\n"u8 : "\r\n.\r\n"u8);
        _position = Position.LineStart;
    }
}
