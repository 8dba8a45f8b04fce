using System.Buffers;

namespace SmtpGen.Captures;

/// <summary>
/// The argument of VRFY and EXPN: a user name, <c>String = Atom / Quoted-string</c> (RFC 5321 §4.1.1.6), or a mailbox,
/// <c>local-part@domain</c>, which a server SHOULD accept as a user name (§3.5.3: one host often serves many domains).
/// </summary>
public static class UserName
{
    private const string Grammar = "RFC 5321 §4.1.1.6 String = Atom / Quoted-string, or §3.5.3 a mailbox, local-part@domain";

    /// <summary>Scans the longest user name at <paramref name="position"/>: a mailbox where one starts there, a word otherwise.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the name starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The name as sent, quotes included.</param>
    /// <returns>Whether a user name starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes a user name.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">A word (quoted if it is not an atom) or a mailbox.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither a word nor a mailbox.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(UserName), Grammar);

    /// <summary>Writes a user name into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">A word (quoted if it is not an atom) or a mailbox.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither a word nor a mailbox.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">A word (quoted if it is not an atom) or a mailbox.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither a word nor a mailbox.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(UserName), Grammar, paramName, out written);

    /// <summary>The length of the longest user name <paramref name="span"/> starts with, or 0.</summary>
    internal static int Scan(ReadOnlySpan<byte> span) => Math.Max(Mailbox.Scan(span), Word.Scan(span));
}
