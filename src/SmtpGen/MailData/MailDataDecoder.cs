using System.Buffers;

namespace SmtpGen;

/// <summary>
/// Decodes the mail data that follows a 354 reply (RFC 5321 §4.5.2): removes the dot a sender put before
/// every line that began with one, and finds the end of the data, a line holding a single dot. Other protocols frame
/// their multi-line blocks the same way (POP3's RETR, RFC 1939 §3; NNTP's articles and lists, RFC 3977 §3.1.1).
/// </summary>
/// <remarks>
/// <para>
/// Only <c>CRLF . CRLF</c> ends the data, with the data's start counting as a line start. A bare CR or LF
/// (one not part of a CRLF) never ends a line for this purpose: the decoder writes it as CRLF, so that the
/// message keeps its line break, and sets <see cref="HasBareLineEnding"/>; a line of a single dot after it
/// is kept as text. A receiver either refuses such a message or stores the normalised one, and in neither
/// case can <c>LF . LF</c>, <c>CR . CR</c> or <c>LF . CRLF</c> end the message early (SMTP smuggling).
/// </para>
/// <para>
/// The decoder is a mutable struct that carries its place between calls, so input may arrive in pieces of
/// any size, split anywhere. Use a new decoder for each message.
/// </para>
/// </remarks>
public partial struct MailDataDecoder
{
    /// <summary>The longest text line RFC 5321 §4.5.3.1.6 allows, CRLF included.</summary>
    public const int DefaultMaxLineLength = 1000;

    /// <summary>
    /// The line limit as an offset from the default, so that the struct's zero value (<c>default</c>, or
    /// <c>new MailDataDecoder()</c>, which C# reads as the parameterless constructor) means RFC 5321's 1000
    /// octets, not 0.
    /// </summary>
    private readonly int _maxLineLengthBeyondDefault;
    private Position _position;
    private int _lineLength;

    /// <summary>Creates a decoder positioned at the start of the data.</summary>
    /// <param name="maxLineLength">
    /// The longest line allowed in octets, CRLF included and the dot added for transparency not counted (§4.5.3.1.6);
    /// longer lines set <see cref="HasLongLine"/>.
    /// </param>
    public MailDataDecoder(int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 3);
        _maxLineLengthBeyondDefault = maxLineLength - DefaultMaxLineLength;
    }

    /// <summary>Where the decoder stands in the input.</summary>
    private enum Position : byte
    {
        /// <summary>After a CRLF, or at the start of the data: a line of a single dot here ends the data.</summary>
        LineStart,

        /// <summary>After a bare CR or LF: a leading dot is still removed, but a single dot does not end the data.</summary>
        LineStartAfterBareEnding,

        /// <summary>A dot at a <see cref="LineStart"/>, not yet written.</summary>
        Dot,

        /// <summary>A dot and a CR at a <see cref="LineStart"/>: an LF now ends the data.</summary>
        DotCarriageReturn,

        /// <summary>A dot at a <see cref="LineStartAfterBareEnding"/>, not yet written.</summary>
        DotAfterBareEnding,

        /// <summary>Inside a line.</summary>
        InLine,

        /// <summary>A CR inside a line, not yet written: an LF makes it a line ending.</summary>
        CarriageReturn,
    }

    /// <summary>The longest line content allowed, CRLF and the dot added for transparency not included.</summary>
    private readonly int MaxLineContent => DefaultMaxLineLength - 2 + _maxLineLengthBeyondDefault;

    /// <summary>Whether the data so far held a bare CR or LF (RFC 5321 §2.3.8 forbids them).</summary>
    public bool HasBareLineEnding { readonly get; private set; }

    /// <summary>Whether the data so far held a line longer than the limit.</summary>
    public bool HasLongLine { readonly get; private set; }

    /// <summary>Decodes the next piece of input.</summary>
    /// <param name="source">The input that follows what was consumed before.</param>
    /// <param name="destination">
    /// Where to write the message's octets. The octets past <paramref name="written"/> may have been written over too
    /// (the fast path writes a line's start before it knows the line is clean): they are not part of the message, and
    /// what they held is written again, in place, once its line is decoded. The output may be longer than the input: a
    /// bare LF is written as CRLF. So call again after <see cref="OperationStatus.DestinationTooSmall"/>, with the
    /// input not consumed and room for more, until <see cref="OperationStatus.NeedMoreData"/> or <see cref="OperationStatus.Done"/>.
    /// </param>
    /// <param name="consumed">The octets of <paramref name="source"/> consumed.</param>
    /// <param name="written">The octets written to <paramref name="destination"/>.</param>
    /// <returns>
    /// <see cref="OperationStatus.Done"/> when the end of the data was consumed (the octets after it are the
    /// next command); <see cref="OperationStatus.NeedMoreData"/> when all of <paramref name="source"/> was
    /// consumed; <see cref="OperationStatus.DestinationTooSmall"/> when <paramref name="destination"/> is full.
    /// </returns>
    public OperationStatus Decode(ReadOnlySpan<byte> source, Span<byte> destination, out int consumed, out int written)
    {
        int read = 0;
        int write = 0;
        OperationStatus status = OperationStatus.NeedMoreData;
        while (read < source.Length)
        {
            // Whole clean lines take the fast path; what it leaves (a special case, or too little input) takes the switch.
            if (_position == Position.LineStart && source.Length - read >= Block && MaxLineContent >= Block)
            {
                read += DecodeCleanLines(source[read..], destination[write..], out int cleanWritten);
                write += cleanWritten;
                if (read == source.Length)
                {
                    break;
                }
            }

            byte next = source[read];
            switch (_position)
            {
                case Position.LineStart when next == (byte)'.':
                    // §4.5.3.1.6: the dot added for transparency does not count toward the line limit. Kept as
                    // text, a dot is the whole line, whose end follows it at once.
                    _position = Position.Dot;
                    _lineLength = 0;
                    read++;
                    continue;
                case Position.LineStartAfterBareEnding when next == (byte)'.':
                    _position = Position.DotAfterBareEnding;
                    _lineLength = 0;
                    read++;
                    continue;
                case Position.LineStart or Position.LineStartAfterBareEnding:
                    _position = Position.InLine;
                    _lineLength = 0;
                    continue;
                case Position.Dot when next == (byte)'\r':
                    _position = Position.DotCarriageReturn;
                    read++;
                    continue;
                case Position.DotCarriageReturn when next == (byte)'\n':
                    read++;
                    status = OperationStatus.Done;
                    break;
                case Position.DotCarriageReturn:
                    // ". CR x": a single dot ended by a bare CR is text, not the end of the data.
                    if (!TryWrite(".\r\n"u8, destination, ref write))
                    {
                        status = OperationStatus.DestinationTooSmall;
                        break;
                    }

                    HasBareLineEnding = true;
                    _position = Position.LineStartAfterBareEnding;
                    continue;
                case Position.Dot or Position.DotAfterBareEnding when next is (byte)'\r' or (byte)'\n':
                    // A single dot: kept as text (at a real line start, a CR was taken above).
                    if (!TryWrite("."u8, destination, ref write))
                    {
                        status = OperationStatus.DestinationTooSmall;
                        break;
                    }

                    _position = Position.InLine;
                    continue;
                case Position.Dot or Position.DotAfterBareEnding:
                    // The dot the sender added before a line that began with one (§4.5.2): dropped.
                    _position = Position.InLine;
                    continue;
                case Position.InLine when next == (byte)'\r':
                    _position = Position.CarriageReturn;
                    read++;
                    continue;
                case Position.InLine when next == (byte)'\n':
                    if (!TryWrite("\r\n"u8, destination, ref write))
                    {
                        status = OperationStatus.DestinationTooSmall;
                        break;
                    }

                    HasBareLineEnding = true;
                    _position = Position.LineStartAfterBareEnding;
                    read++;
                    continue;
                case Position.InLine:
                    int run = CopyText(source[read..], destination[write..]);
                    if (run == 0)
                    {
                        status = OperationStatus.DestinationTooSmall;
                        break;
                    }

                    read += run;
                    write += run;
                    continue;
                case Position.CarriageReturn:
                    if (!TryWrite("\r\n"u8, destination, ref write))
                    {
                        status = OperationStatus.DestinationTooSmall;
                        break;
                    }

                    if (next == (byte)'\n')
                    {
                        _position = Position.LineStart;
                        read++;
                    }
                    else
                    {
                        HasBareLineEnding = true;
                        _position = Position.LineStartAfterBareEnding;
                    }

                    continue;
            }

            break;
        }

        consumed = read;
        written = write;
        return status;
    }

    /// <summary>Copies the text up to the next CR or LF, as much as fits, and counts it against the line limit.</summary>
    private int CopyText(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int end = source.IndexOfAny((byte)'\r', (byte)'\n');
        int run = Math.Min(end < 0 ? source.Length : end, destination.Length);
        source[..run].CopyTo(destination);
        _lineLength += run;
        if (_lineLength > MaxLineContent)
        {
            HasLongLine = true;
        }

        return run;
    }

    private static bool TryWrite(ReadOnlySpan<byte> octets, Span<byte> destination, ref int written)
    {
        if (!octets.TryCopyTo(destination[written..]))
        {
            return false;
        }

        written += octets.Length;
        return true;
    }
}
