using System.Buffers;

namespace SmtpGen.Captures;

/// <summary>
/// RCPT's ORCPT value (RFC 3461 §4.2): <c>addr-type ";" xtext</c>, the type an atom (<c>rfc822</c>, <c>utf-8</c>) and the
/// original recipient's address in xtext.
/// </summary>
public static class OriginalRecipient
{
    private const string Grammar = "RFC 3461 §4.2 ORCPT, an address type (an atom), ';' and the address in xtext";

    /// <summary>Scans an ORCPT value at <paramref name="position"/>.</summary>
    /// <param name="content">The parameter's value.</param>
    /// <param name="position">Where the value starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The value as sent: type, ';' and the address still in xtext.</param>
    /// <returns>Whether an ORCPT value starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes an ORCPT value.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The value, its address in xtext.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an ORCPT value.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(OriginalRecipient), Grammar);

    /// <summary>Writes an ORCPT value into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The value, its address in xtext.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an ORCPT value.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The value, its address in xtext.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an ORCPT value.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(OriginalRecipient), Grammar, paramName, out written);

    /// <summary>The length of the ORCPT value <paramref name="span"/> starts with, or 0.</summary>
    internal static int Scan(ReadOnlySpan<byte> span)
    {
        int type = Atom.Scan(span);
        if (type == 0 || type >= span.Length || span[type] != (byte)';')
        {
            return 0;
        }

        int address = Xtext.Scan(span[(type + 1)..]);
        return address == 0 ? 0 : type + 1 + address;
    }
}
