using System.Buffers;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// A run of printable characters without SP, <c>1*VCHAR</c> (RFC 5234 B.1: %x21–7E), with UTF-8 as in an atom
/// (RFC 6531 §3.3): POP3's user names and unique-ids (RFC 1939 §7), which may hold <c>@</c>, <c>.</c> or <c>&lt;</c>.
/// </summary>
public static class Printable
{
    private const string Grammar = "RFC 5234 1*VCHAR, one or more printable ASCII characters without SP (or UTF-8)";

    /// <summary>Scans the longest run of printable characters at <paramref name="position"/>.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the run starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The run.</param>
    /// <returns>Whether a printable character is at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes a run of printable characters.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The run.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or holds SP or a control character.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(Printable), Grammar);

    /// <summary>Writes a run of printable characters into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The run.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or holds SP or a control character.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The run.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or holds SP or a control character.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(Printable), Grammar, paramName, out written);

    /// <summary>The length of the longest run of printable characters <paramref name="span"/> starts with, or 0.</summary>
    internal static int Scan(ReadOnlySpan<byte> span) => Syntax.SpanOf(span, Syntax.Vchar);
}
