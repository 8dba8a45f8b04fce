using System.Buffers;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// A SASL mechanism name, <c>1*20mech-char</c> (RFC 4422 §3.1: letters, digits, '-' and '_'), as AUTH names one
/// (RFC 4954 §4): <c>PLAIN</c>, <c>SCRAM-SHA-256</c>. Letters are read in either case.
/// </summary>
public static class SaslMechanism
{
    /// <summary>The longest name a mechanism has (RFC 4422 §3.1).</summary>
    public const int MaxLength = 20;

    private const string Grammar = "RFC 4422 §3.1 sasl-mech, 1 to 20 letters, digits, '-' or '_'";

    /// <summary>Scans a mechanism name at <paramref name="position"/>.</summary>
    /// <param name="content">The line without its CRLF.</param>
    /// <param name="position">Where the name starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The name as sent.</param>
    /// <returns>Whether 1 to 20 name characters, not followed by another, start at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes a mechanism name.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The name.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a mechanism name.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(SaslMechanism), Grammar);

    /// <summary>Writes a mechanism name into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The name.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a mechanism name.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The name.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a mechanism name.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(SaslMechanism), Grammar, paramName, out written);

    /// <summary>The length of the mechanism name <paramref name="span"/> starts with, or 0 (none, or one longer than 20).</summary>
    internal static int Scan(ReadOnlySpan<byte> span)
    {
        int length = Syntax.AsciiSpanOf(span, Syntax.MechChar);
        return length <= MaxLength ? length : 0;
    }
}
