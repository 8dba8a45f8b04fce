using System.Buffers;
using System.Globalization;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>A decimal number, <c>1*DIGIT</c>, of at most 18 digits so that it always fits a <see cref="long"/>.</summary>
public static class Number
{
    private const int MaxDigits = 18;
    private const long MaxValue = 999_999_999_999_999_999;

    /// <summary>Scans a number at <paramref name="position"/>.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the number starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether 1 to 18 digits, not followed by another digit, start at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out long value) =>
        Syntax.TryScanDecimal(content, ref position, MaxDigits, out value);

    /// <summary>Writes a number in decimal.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The number, 0 to 999,999,999,999,999,999.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or has more than 18 digits.</exception>
    public static void Write(IBufferWriter<byte> output, long value)
    {
        ArgumentNullException.ThrowIfNull(output);
        TryWrite(output.GetSpan(MaxDigits), value, out int written);
        output.Advance(written);
    }

    /// <summary>Writes a number in decimal into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The number, 0 to 999,999,999,999,999,999.</param>
    /// <param name="written">The octets written; 0 when the number does not fit.</param>
    /// <returns>Whether the number fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or has more than 18 digits.</exception>
    public static bool TryWrite(Span<byte> destination, long value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, long, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The number, 0 to 999,999,999,999,999,999.</param>
    /// <param name="written">The octets written; 0 when the number does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the number fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative or has more than 18 digits.</exception>
    public static bool TryWrite(Span<byte> destination, long value, out int written, string paramName)
    {
        // What is written must scan back: no sign, no 19th digit.
        if (value is < 0 or > MaxValue)
        {
            ThrowHelper.ThrowArgumentOutOfRange(paramName, value, "A Number is 0 to 999,999,999,999,999,999: 1 to 18 decimal digits, not negative.");
        }

        return value.TryFormat(destination, out written, provider: CultureInfo.InvariantCulture);
    }
}
