using System.Buffers;

namespace SmtpGen;

/// <summary>Writes reply lines (RFC 5321 §4.2) without allocating.</summary>
public static class ReplyWriter
{
    /// <summary>The longest enhanced status code and its SP: <c>d.ddd.ddd </c>.</summary>
    private const int MaxStatusLength = 10;

    /// <summary>Writes <c>ddd SP text CRLF</c>, or <c>ddd-text CRLF</c> for a line that more lines follow.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="code">The reply code.</param>
    /// <param name="text">The text: no CR, LF, NUL or other control character but HTAB.</param>
    /// <param name="isLast">Whether this is the reply's last line.</param>
    /// <exception cref="ArgumentException"><paramref name="text"/> holds a control character.</exception>
    public static void Write(IBufferWriter<byte> output, ReplyCode code, ReadOnlySpan<byte> text, bool isLast = true) =>
        Write(output, code, default, text, isLast);

    /// <summary>Writes <c>ddd SP status SP text CRLF</c> (RFC 2034 §4), or with "-" after the code for a line that more lines follow.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="code">The reply code.</param>
    /// <param name="status">The enhanced status code, of the code's class; none when it is the default value.</param>
    /// <param name="text">The text: no CR, LF, NUL or other control character but HTAB.</param>
    /// <param name="isLast">Whether this is the reply's last line.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="text"/> holds a control character (it could inject a reply line), the status's class
    /// is not the code's first digit, or <paramref name="code"/> is the default value.
    /// </exception>
    public static void Write(IBufferWriter<byte> output, ReplyCode code, EnhancedStatusCode status, ReadOnlySpan<byte> text, bool isLast = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (code.Value == 0)
        {
            ThrowHelper.ThrowArgument(nameof(code), "The reply code is the default value, not a code.");
        }

        if (!status.IsEmpty && status.Class != (int)code.Class)
        {
            ThrowHelper.ThrowArgument(nameof(status), "An enhanced status code's class must be the reply code's first digit (RFC 3463 §2).");
        }

        if (!ReplyLine.IsText(text))
        {
            ThrowHelper.ThrowArgument(nameof(text), "A reply's text may not hold CR, LF, NUL or another control character but HTAB (RFC 5321 §4.2).");
        }

        Span<byte> span = output.GetSpan(4 + MaxStatusLength + text.Length + 2);
        int value = code.Value;
        span[0] = (byte)('0' + (value / 100));
        span[1] = (byte)('0' + (value / 10 % 10));
        span[2] = (byte)('0' + (value % 10));
        span[3] = isLast ? (byte)' ' : (byte)'-';
        int length = 4;
        if (!status.IsEmpty)
        {
            status.TryFormat(span[length..], out int written);
            length += written;
            span[length++] = (byte)' ';
        }

        text.CopyTo(span[length..]);
        length += text.Length;
        span[length++] = (byte)'\r';
        span[length++] = (byte)'\n';
        output.Advance(length);
    }
}
