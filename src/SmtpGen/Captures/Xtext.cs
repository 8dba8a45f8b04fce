using System.Buffers;

namespace SmtpGen.Captures;

/// <summary>
/// Text encoded as xtext (RFC 3461 §4): printable ASCII but '+' and '=', each other octet as '+' and two upper-case
/// hex digits. ESMTP parameters carry values in it: DSN's ENVID and ORCPT, AUTH's mailbox (RFC 4954 §5).
/// </summary>
public static class Xtext
{
    private const string Grammar = "RFC 3461 §4 xtext, printable ASCII but '+' and '=', or '+' and two upper-case hex digits";

    /// <summary>Scans xtext at <paramref name="position"/>: the longest run of xchar and hexchar.</summary>
    /// <param name="content">The line without its CRLF.</param>
    /// <param name="position">Where the text starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The text, still encoded.</param>
    /// <returns>Whether at least one xchar or hexchar is at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes encoded xtext.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The text, encoded.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not xtext.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(Xtext), Grammar);

    /// <summary>Writes encoded xtext into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The text, encoded.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not xtext.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The text, encoded.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not xtext.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(Xtext), Grammar, paramName, out written);

    /// <summary>Decodes xtext that <see cref="TryScan"/> took: each hexchar becomes its octet.</summary>
    /// <param name="value">The encoded text.</param>
    /// <param name="destination">Where the octets go; as long as <paramref name="value"/> is enough.</param>
    /// <returns>The number of octets written.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not xtext.</exception>
    public static int Decode(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (Scan(value) != value.Length)
        {
            ThrowHelper.ThrowInvalidCapture(nameof(Xtext), Grammar, nameof(value));
        }

        int written = 0;
        for (int i = 0; i < value.Length; i++)
        {
            destination[written++] = value[i] == (byte)'+' ? (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2])) : value[i];
            i += value[i] == (byte)'+' ? 2 : 0;
        }

        return written;
    }

    /// <summary>Encodes <paramref name="text"/> as xtext: '+', '=', SP, control characters and non-ASCII octets as hexchar.</summary>
    /// <param name="text">The octets to encode.</param>
    /// <param name="destination">Where the xtext goes; three times the length of <paramref name="text"/> is always enough.</param>
    /// <returns>The number of octets written.</returns>
    public static int Encode(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        int written = 0;
        foreach (byte octet in text)
        {
            if (octet is >= 33 and <= 126 and not ((byte)'+' or (byte)'='))
            {
                destination[written++] = octet;
                continue;
            }

            destination[written++] = (byte)'+';
            destination[written++] = "0123456789ABCDEF"u8[octet >> 4];
            destination[written++] = "0123456789ABCDEF"u8[octet & 0xF];
        }

        return written;
    }

    /// <summary>The length of the xtext <paramref name="span"/> starts with: xchars, and '+' only with two upper-case hex digits after it.</summary>
    internal static int Scan(ReadOnlySpan<byte> span)
    {
        int length = 0;
        while (length < span.Length)
        {
            if (span[length] == (byte)'+')
            {
                if (!IsHexChar(span[length..]))
                {
                    break;
                }

                length += 3;
            }
            else if (span[length] is >= 33 and <= 126 and not (byte)'=')
            {
                length++;
            }
            else
            {
                break;
            }
        }

        return length;
    }

    private static bool IsHexChar(ReadOnlySpan<byte> span) =>
        span.Length >= 3 && span[0] == (byte)'+' && IsUpperHex(span[1]) && IsUpperHex(span[2]);

    private static bool IsUpperHex(byte c) => c is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F');

    private static int HexValue(byte c) => c <= (byte)'9' ? c - '0' : c - 'A' + 10;
}
