using System.Buffers;
using System.Globalization;
using System.Text;
using SmtpGen.Grammar;

namespace SmtpGen;

/// <summary>
/// An enhanced mail system status code, <c>class.subject.detail</c> (RFC 3463 §2), as sent at the start of
/// a reply's text by servers that announce ENHANCEDSTATUSCODES (RFC 2034). The default value is no code.
/// </summary>
public readonly struct EnhancedStatusCode : IEquatable<EnhancedStatusCode>, IUtf8SpanFormattable, ISpanFormattable
{
    /// <summary>The longest code, <c>d.ddd.ddd</c>.</summary>
    private const int MaxLength = 9;

    private readonly byte _class;
    private readonly short _subject;
    private readonly short _detail;

    /// <summary>Creates a code.</summary>
    /// <param name="class">2 (success), 4 (persistent transient failure) or 5 (permanent failure).</param>
    /// <param name="subject">0–999.</param>
    /// <param name="detail">0–999.</param>
    /// <exception cref="ArgumentOutOfRangeException">A part is outside its range (RFC 3463 §2).</exception>
    public EnhancedStatusCode(int @class, int subject, int detail)
    {
        if (@class is not (2 or 4 or 5))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(@class), "The class of an enhanced status code is 2, 4 or 5 (RFC 3463 §2).");
        }

        if ((uint)subject > 999)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(subject), "The subject of an enhanced status code has 1 to 3 digits (RFC 3463 §2).");
        }

        if ((uint)detail > 999)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(detail), "The detail of an enhanced status code has 1 to 3 digits (RFC 3463 §2).");
        }

        _class = (byte)@class;
        _subject = (short)subject;
        _detail = (short)detail;
    }

    /// <summary>The class: 2, 4 or 5; 0 when <see cref="IsEmpty"/>.</summary>
    public int Class => _class;

    /// <summary>The subject, e.g. 1 (addressing) in <c>5.1.1</c>.</summary>
    public int Subject => _subject;

    /// <summary>The detail, e.g. the last 1 in <c>5.1.1</c>.</summary>
    public int Detail => _detail;

    /// <summary>Whether this is the default value: no code.</summary>
    public bool IsEmpty => _class == 0;

    /// <summary>Whether two codes are the same.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">Another code.</param>
    public static bool operator ==(EnhancedStatusCode left, EnhancedStatusCode right) => left.Equals(right);

    /// <summary>Whether two codes differ.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">Another code.</param>
    public static bool operator !=(EnhancedStatusCode left, EnhancedStatusCode right) => !left.Equals(right);

    /// <summary>
    /// Parses the code <paramref name="utf8"/> starts with. Sub-codes have 1 to 3 digits and no leading zero
    /// (RFC 3463 §2); a code followed by a further digit is not one.
    /// </summary>
    /// <param name="utf8">Text that may start with a code.</param>
    /// <param name="code">The code, or the default value.</param>
    /// <param name="consumed">The code's length in octets, or 0.</param>
    /// <returns>Whether <paramref name="utf8"/> starts with a code.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out EnhancedStatusCode code, out int consumed)
    {
        code = default;
        consumed = 0;
        if (utf8.Length < 5 || utf8[0] is not ((byte)'2' or (byte)'4' or (byte)'5') || utf8[1] != (byte)'.')
        {
            return false;
        }

        int position = 2;
        if (!TryParseSubCode(utf8, ref position, out int subject)
            || position == utf8.Length || utf8[position++] != (byte)'.'
            || !TryParseSubCode(utf8, ref position, out int detail))
        {
            return false;
        }

        code = new EnhancedStatusCode(utf8[0] - '0', subject, detail);
        consumed = position;
        return true;
    }

    /// <summary>Parses a code that is all of <paramref name="text"/>, e.g. <c>"5.1.1"</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="code">The code, or the default value.</param>
    /// <returns>Whether <paramref name="text"/> is a code.</returns>
    public static bool TryParse(string? text, out EnhancedStatusCode code)
    {
        Span<byte> utf8 = stackalloc byte[MaxLength];
        if (text is null || text.Length > MaxLength || Ascii.FromUtf16(text, utf8, out int length) != OperationStatus.Done)
        {
            code = default;
            return false;
        }

        if (TryParse(utf8[..length], out code, out int consumed) && consumed == length)
        {
            return true;
        }

        code = default;
        return false;
    }

    /// <summary>Writes the code as ASCII, e.g. <c>5.1.1</c>; nothing when <see cref="IsEmpty"/>.</summary>
    /// <param name="utf8Destination">Where to write.</param>
    /// <param name="bytesWritten">The octets written.</param>
    /// <returns>Whether the destination was large enough.</returns>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (IsEmpty)
        {
            return true;
        }

        if (utf8Destination.Length < 5)
        {
            return false;
        }

        utf8Destination[0] = (byte)('0' + _class);
        utf8Destination[1] = (byte)'.';
        int position = 2;
        if (!TryFormatSubCode(utf8Destination, ref position, _subject)
            || position == utf8Destination.Length)
        {
            return false;
        }

        utf8Destination[position++] = (byte)'.';
        if (!TryFormatSubCode(utf8Destination, ref position, _detail))
        {
            return false;
        }

        bytesWritten = position;
        return true;
    }

    /// <inheritdoc/>
    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    /// <summary>Writes the code, e.g. <c>5.1.1</c>; nothing when <see cref="IsEmpty"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="charsWritten">The characters written.</param>
    /// <returns>Whether the destination was large enough.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        Span<byte> utf8 = stackalloc byte[MaxLength];
        TryFormat(utf8, out int length);
        if (Ascii.ToUtf16(utf8[..length], destination, out charsWritten) == OperationStatus.Done)
        {
            return true;
        }

        charsWritten = 0;
        return false;
    }

    /// <inheritdoc/>
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    /// <summary>The code, e.g. <c>"5.1.1"</c>; empty when <see cref="IsEmpty"/>.</summary>
    /// <returns>The code's text.</returns>
    public override string ToString()
    {
        Span<char> text = stackalloc char[MaxLength];
        TryFormat(text, out int length);
        return new string(text[..length]);
    }

    /// <inheritdoc/>
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool Equals(EnhancedStatusCode other) =>
        _class == other._class && _subject == other._subject && _detail == other._detail;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EnhancedStatusCode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_class, _subject, _detail);

    /// <summary>Parses <c>1*3digit</c> without a leading zero (RFC 3463 §2).</summary>
    private static bool TryParseSubCode(ReadOnlySpan<byte> utf8, ref int position, out int value)
    {
        value = 0;
        int length = Syntax.DigitRun(utf8[position..]);
        if (length is 0 or > 3 || (length > 1 && utf8[position] == (byte)'0'))
        {
            return false;
        }

        for (int end = position + length; position < end; position++)
        {
            value = (value * 10) + (utf8[position] - '0');
        }

        return true;
    }

    private static bool TryFormatSubCode(Span<byte> destination, ref int position, int value)
    {
        if (!value.TryFormat(destination[position..], out int written, provider: CultureInfo.InvariantCulture))
        {
            return false;
        }

        position += written;
        return true;
    }
}
