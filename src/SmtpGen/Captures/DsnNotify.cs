using System.Buffers;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// RCPT's NOTIFY value (RFC 3461 §4.1): <c>NEVER</c>, or one or more of <c>SUCCESS</c>, <c>FAILURE</c> and <c>DELAY</c>
/// separated by commas, each at most once, in any case.
/// </summary>
public static class DsnNotify
{
    private const string Grammar = "RFC 3461 §4.1 NOTIFY, NEVER or a comma-separated list of SUCCESS, FAILURE and DELAY, each once";

    /// <summary>Scans a NOTIFY value at <paramref name="position"/>: the longest run of letters and commas, which must be one.</summary>
    /// <param name="content">The parameter's value.</param>
    /// <param name="position">Where the value starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The value as sent.</param>
    /// <returns>Whether a valid NOTIFY value starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes a NOTIFY value.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a NOTIFY value.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, Scan(value), nameof(DsnNotify), Grammar);

    /// <summary>Writes a NOTIFY value into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The value.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a NOTIFY value.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The value.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a NOTIFY value.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, Scan(value), nameof(DsnNotify), Grammar, paramName, out written);

    /// <summary>The length of the NOTIFY value <paramref name="span"/> starts with, or 0 when the run of letters and commas there is none.</summary>
    internal static int Scan(ReadOnlySpan<byte> span)
    {
        int length = Syntax.AsciiSpanOf(span, Syntax.DsnNotifyChar);
        ReadOnlySpan<byte> list = span[..length];
        if (System.Text.Ascii.EqualsIgnoreCase(list, "NEVER"u8))
        {
            return length;
        }

        int seen = 0;
        foreach (Range range in list.Split((byte)','))
        {
            int bit = list[range] switch
            {
                var word when System.Text.Ascii.EqualsIgnoreCase(word, "SUCCESS"u8) => 1,
                var word when System.Text.Ascii.EqualsIgnoreCase(word, "FAILURE"u8) => 2,
                var word when System.Text.Ascii.EqualsIgnoreCase(word, "DELAY"u8) => 4,
                _ => 0,
            };
            if (bit == 0 || (seen & bit) != 0)
            {
                return 0;
            }

            seen |= bit;
        }

        return length;
    }
}
