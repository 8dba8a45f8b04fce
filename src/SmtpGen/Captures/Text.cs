using System.Buffers;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// The rest of the line as free text: one or more of HTAB / SP / VCHAR (RFC 5321 §4.2 textstring) or UTF-8
/// (RFC 6531's UTF8-non-ascii, which holds the C1 controls too), no ASCII control character.
/// </summary>
public static class Text
{
    private const string Grammar = "one or more of HTAB, SP, VCHAR or UTF-8 (RFC 5321 §4.2 textstring), no CR, LF, NUL or other ASCII control character";

    /// <summary>Scans the rest of the line from <paramref name="position"/>.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the text starts; moved to the end on success, unchanged otherwise.</param>
    /// <param name="value">The text.</param>
    /// <returns>Whether the rest of the line is non-empty text.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes text.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The text.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or holds an ASCII control character or ill-formed UTF-8.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(Text), Grammar);

    /// <summary>Writes text into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The text.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or holds an ASCII control character or ill-formed UTF-8.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The text.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or holds an ASCII control character or ill-formed UTF-8.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(Text), Grammar, paramName, out written);

    /// <summary>The length of <paramref name="span"/> when all of it is text, or 0.</summary>
    internal static int Scan(ReadOnlySpan<byte> span) =>
        Syntax.SpanOf(span, Syntax.TextChar) == span.Length ? span.Length : 0;
}
