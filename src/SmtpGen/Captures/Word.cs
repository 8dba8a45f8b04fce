using System.Buffers;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>A word, <c>String = Atom / Quoted-string</c> (RFC 5321 §4.1.2); a quoted one keeps its quotes.</summary>
public static class Word
{
    private const string Grammar = "RFC 5321 §4.1.2 String = Atom / Quoted-string";

    /// <summary>Scans the longest word at <paramref name="position"/>.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the word starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The word as sent, quotes and backslashes included.</param>
    /// <returns>Whether a word starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes a word.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The word as it is to be sent, quoted if it is not an atom.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a word.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(Word), Grammar);

    /// <summary>Writes a word into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The word as it is to be sent, quoted if it is not an atom.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a word.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The word as it is to be sent, quoted if it is not an atom.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a word.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(Word), Grammar, paramName, out written);

    /// <summary>The length of the longest word <paramref name="span"/> starts with, or 0.</summary>
    internal static int Scan(ReadOnlySpan<byte> span) =>
        span.StartsWith((byte)'"') ? Syntax.QuotedString(span) : Atom.Scan(span);
}
