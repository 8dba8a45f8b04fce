using System.Buffers;
using System.Text;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// An address literal, brackets included (RFC 5321 §4.1.3): <c>[192.0.2.1]</c>, <c>[IPv6:2001:db8::1]</c>
/// or a general one, <c>[tag:dcontent]</c>.
/// </summary>
public static class AddressLiteral
{
    private const string Grammar = "RFC 5321 §4.1.3 address-literal, \"[\" IPv4 / \"IPv6:\" IPv6 / tag \":\" dcontent \"]\"";

    /// <summary>Scans an address literal at <paramref name="position"/>.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the literal starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The literal, brackets included.</param>
    /// <returns>Whether an address literal starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes an address literal.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The literal, brackets included.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an address literal.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(AddressLiteral), Grammar);

    /// <summary>Writes an address literal into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The literal, brackets included.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an address literal.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The literal, brackets included.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an address literal.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(AddressLiteral), Grammar, paramName, out written);

    /// <summary>The length of the address literal <paramref name="span"/> starts with, or 0.</summary>
    internal static int Scan(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty || span[0] != (byte)'[')
        {
            return 0;
        }

        // None of the forms holds "]" (dcontent excludes it), so the first one closes the literal.
        int close = span.IndexOf((byte)']');
        return close > 0 && IsAddress(span[1..close]) ? close + 1 : 0;
    }

    private static bool IsAddress(ReadOnlySpan<byte> address)
    {
        if (IPAddressSyntax.IsIPv4(address))
        {
            return true;
        }

        int colon = address.IndexOf((byte)':');
        if (colon < 0)
        {
            return false;
        }

        ReadOnlySpan<byte> tag = address[..colon];
        ReadOnlySpan<byte> rest = address[(colon + 1)..];

        // IPv6-address-literal = "IPv6:" IPv6-addr; ABNF strings are case-insensitive (RFC 5234 §2.3).
        if (Ascii.EqualsIgnoreCase(tag, "IPv6"u8))
        {
            return IPAddressSyntax.IsIPv6(rest);
        }

        // General-address-literal = Standardized-tag ":" 1*dcontent
        return Syntax.IsLdhStr(tag) && !rest.IsEmpty && rest.IndexOfAnyExcept(Syntax.Dcontent) < 0;
    }
}
