using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// A count of octets, RFC 1870's <c>size-value = 1*20DIGIT</c>: up to 20 digits, and a value beyond
/// <see cref="long.MaxValue"/> reads as <see cref="long.MaxValue"/> (no server takes a message that large, so it is
/// refused as too big rather than as malformed).
/// </summary>
public static class Octets
{
    private const int MaxDigits = 20;

    /// <summary>Scans a count of octets at <paramref name="position"/>.</summary>
    /// <param name="content">The line without its CRLF.</param>
    /// <param name="position">Where the count starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The count, at most <see cref="long.MaxValue"/>.</param>
    /// <returns>Whether 1 to 20 digits, not followed by another digit, start at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out long value) =>
        Syntax.TryScanDecimal(content, ref position, MaxDigits, out value);

    /// <summary>Writes a count of octets in decimal into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The count, not negative.</param>
    /// <param name="written">The octets written; 0 when the count does not fit.</param>
    /// <returns>Whether the count fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public static bool TryWrite(Span<byte> destination, long value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, long, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The count, not negative.</param>
    /// <param name="written">The octets written; 0 when the count does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the count fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public static bool TryWrite(Span<byte> destination, long value, out int written, string paramName)
    {
        if (value < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(paramName, value, "A count of octets is not negative.");
        }

        return value.TryFormat(destination, out written, provider: System.Globalization.CultureInfo.InvariantCulture);
    }
}
