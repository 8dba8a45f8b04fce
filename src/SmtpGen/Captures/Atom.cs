using System.Buffers;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>An atom, <c>1*atext</c> (RFC 5321 §4.1.2, RFC 5322 §3.2.3), with UTF-8 in atext (RFC 6531 §3.3).</summary>
public static class Atom
{
    private const string Grammar = "RFC 5321 §4.1.2 Atom, one or more of letters, digits and !#$%&'*+-/=?^_`{|}~ (RFC 6531: or UTF-8)";

    /// <summary>Scans the longest atom at <paramref name="position"/>.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the atom starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The atom.</param>
    /// <returns>Whether an atom starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes an atom.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The atom.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an atom.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(Atom), Grammar);

    /// <summary>Writes an atom into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The atom.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an atom.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The atom.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an atom.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(Atom), Grammar, paramName, out written);

    /// <summary>The length of the longest atom <paramref name="span"/> starts with, or 0.</summary>
    internal static int Scan(ReadOnlySpan<byte> span) => Syntax.SpanOf(span, Syntax.Atext);
}
