using System.Buffers;
using System.Text;

namespace SmtpGen.Grammar;

/// <summary>
/// The character classes of RFC 5321 §4.1.2 (as extended by RFC 6531 §3.3) and the few loops every scanner
/// shares. Each class is written here once; scanners compose them.
/// </summary>
internal static class Syntax
{
    /// <summary>A grammar rule: the length of the longest prefix of <paramref name="span"/> it matches, 0 when none.</summary>
    internal delegate int Scanner(ReadOnlySpan<byte> span);

    /// <summary>ALPHA / DIGIT (RFC 5234 §B.1): Let-dig (RFC 5321 §4.1.2).</summary>
    internal static readonly SearchValues<byte> LetDig = Ascii(static c => char.IsAsciiLetterOrDigit((char)c));

    /// <summary>ALPHA / DIGIT / "-": the octets of an Ldh-str (RFC 5321 §4.1.2).</summary>
    internal static readonly SearchValues<byte> Ldh = Ascii(static c => char.IsAsciiLetterOrDigit((char)c) || c == (byte)'-');

    /// <summary>The octets of an ASCII domain: Ldh-str's and the dots between labels.</summary>
    internal static readonly SearchValues<byte> LdhOrDot = Ascii(static c => Ldh.Contains(c) || c == (byte)'.');

    /// <summary>atext (RFC 5322 §3.2.3), the ASCII part: ALPHA / DIGIT / "!#$%&amp;'*+-/=?^_`{|}~".</summary>
    internal static readonly SearchValues<byte> Atext = Ascii(static c => char.IsAsciiLetterOrDigit((char)c) || "!#$%&'*+-/=?^_`{|}~"u8.Contains(c));

    /// <summary>The octets of an ASCII Dot-string (RFC 5321 §4.1.2): atext and dots.</summary>
    internal static readonly SearchValues<byte> AtextOrDot = Ascii(static c => Atext.Contains(c) || c == (byte)'.');

    /// <summary>VCHAR (RFC 5234 B.1): the printable ASCII characters, without SP.</summary>
    internal static readonly SearchValues<byte> Vchar = Ascii(static c => c is >= 33 and <= 126);

    /// <summary>qtextSMTP = %d32-33 / %d35-91 / %d93-126 (RFC 5321 §4.1.2).</summary>
    internal static readonly SearchValues<byte> Qtext = Ascii(static c => c is >= 32 and <= 126 and not ((byte)'"' or (byte)'\\'));

    /// <summary>esmtp-value = 1*(%d33-60 / %d62-126) (RFC 5321 §4.1.2).</summary>
    internal static readonly SearchValues<byte> EsmtpValue = Ascii(static c => c is >= 33 and <= 126 and not (byte)'=');

    /// <summary>dcontent = %d33-90 / %d94-126 (RFC 5321 §4.1.3).</summary>
    internal static readonly SearchValues<byte> Dcontent = Ascii(static c => c is >= 33 and <= 126 and not ((byte)'[' or (byte)'\\' or (byte)']'));

    /// <summary>HTAB / SP / VCHAR: the octets of a textstring, <c>1*(%d09 / %d32-126)</c> (RFC 5321 §4.2).</summary>
    internal static readonly SearchValues<byte> TextChar = Ascii(static c => c is (byte)'\t' or >= 32 and <= 126);

    /// <summary>RFC 4422 §3.1 mech-char, in either case: letters, digits, '-' and '_'.</summary>
    internal static readonly SearchValues<byte> MechChar = Ascii(static c => char.IsAsciiLetterOrDigit((char)c) || c is (byte)'-' or (byte)'_');

    /// <summary>What RFC 3461's NOTIFY values are made of: letters and commas.</summary>
    internal static readonly SearchValues<byte> DsnNotifyChar = Ascii(static c => char.IsAsciiLetter((char)c) || c == (byte)',');

    /// <summary>RFC 4648 §4 base64 alphabet with its pad character.</summary>
    internal static readonly SearchValues<byte> Base64Char = Ascii(static c => char.IsAsciiLetterOrDigit((char)c) || c is (byte)'+' or (byte)'/' or (byte)'=');

    /// <summary>The control octets a textstring may not hold: %d0-8 / %d10-31 / %d127 (RFC 5321 §4.2).</summary>
    internal static readonly SearchValues<byte> Controls = Ascii(static c => c is (< 32 and not (byte)'\t') or 127);

    /// <summary>
    /// The length of the longest prefix of <paramref name="span"/> made of octets of <paramref name="ascii"/>
    /// and well-formed UTF-8 sequences of non-ASCII characters (RFC 6531 §3.3: UTF8-non-ascii).
    /// </summary>
    internal static int SpanOf(ReadOnlySpan<byte> span, SearchValues<byte> ascii)
    {
        int length = 0;
        while (true)
        {
            int run = span[length..].IndexOfAnyExcept(ascii);
            if (run < 0)
            {
                return span.Length;
            }

            length += run;
            int sequence = Utf8NonAscii(span[length..]);
            if (sequence == 0)
            {
                return length;
            }

            length += sequence;
        }
    }

    /// <summary>The length of the longest prefix of <paramref name="span"/> made of octets of <paramref name="ascii"/> only.</summary>
    internal static int AsciiSpanOf(ReadOnlySpan<byte> span, SearchValues<byte> ascii)
    {
        int end = span.IndexOfAnyExcept(ascii);
        return end < 0 ? span.Length : end;
    }

    /// <summary>
    /// The ASCII run of <paramref name="ascii"/> octets that <paramref name="span"/> starts with, when the rule that
    /// scans it may be read on ASCII alone: the run ends the span or ends at another ASCII octet. A run cut by a UTF-8
    /// octet is not one: UTF-8 may continue the rule (RFC 6531 §3.3), which its general scanner reads.
    /// </summary>
    /// <remarks>
    /// One vectorised pass over the whole value, where the general scanners make one per element (label, atom).
    /// </remarks>
    internal static bool TryAsciiRun(ReadOnlySpan<byte> span, SearchValues<byte> ascii, out ReadOnlySpan<byte> run)
    {
        int end = span.IndexOfAnyExcept(ascii);
        run = end < 0 ? span : span[..end];
        return end < 0 || span[end] < 0x80;
    }

    /// <summary>
    /// The length of the UTF8-non-ascii sequence (RFC 6531 §3.3, RFC 3629 §4) that <paramref name="span"/> starts
    /// with, or 0 when it starts with an ASCII octet or with ill-formed UTF-8 (overlong, surrogate, truncated).
    /// </summary>
    private static int Utf8NonAscii(ReadOnlySpan<byte> span) =>
        span[0] >= 0x80 && Rune.DecodeFromUtf8(span, out _, out int consumed) == OperationStatus.Done ? consumed : 0;

    /// <summary>Whether all of <paramref name="span"/> is an Ldh-str (RFC 5321 §4.1.2: <c>*( ALPHA / DIGIT / "-" ) Let-dig</c>).</summary>
    internal static bool IsLdhStr(ReadOnlySpan<byte> span) =>
        !span.IsEmpty && span.IndexOfAnyExcept(Ldh) < 0 && span[^1] != (byte)'-';

    /// <summary>
    /// Reads 1 to <paramref name="maxDigits"/> decimal digits at <paramref name="position"/>, not followed by another
    /// digit; a value beyond <see cref="long.MaxValue"/> reads as <see cref="long.MaxValue"/>.
    /// </summary>
    internal static bool TryScanDecimal(ReadOnlySpan<byte> content, scoped ref int position, int maxDigits, out long value)
    {
        value = 0;
        ReadOnlySpan<byte> rest = content[position..];
        int digits = DigitRun(rest);
        if (digits == 0 || digits > maxDigits)
        {
            return false;
        }

        foreach (byte digit in rest[..digits])
        {
            value = value > (long.MaxValue - 9) / 10 ? long.MaxValue : (value * 10) + (digit - '0');
        }

        position += digits;
        return true;
    }

    /// <summary>The length of the run of ASCII digits <paramref name="span"/> starts with.</summary>
    internal static int DigitRun(ReadOnlySpan<byte> span)
    {
        int run = span.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return run < 0 ? span.Length : run;
    }

    /// <summary>
    /// The length of the longest prefix of <paramref name="span"/> of the form
    /// <c>element *(separator element)</c>, or 0 when it does not start with an element.
    /// </summary>
    internal static int List(ReadOnlySpan<byte> span, byte separator, Scanner element)
    {
        int length = element(span);
        if (length == 0)
        {
            return 0;
        }

        while (length + 1 < span.Length && span[length] == separator)
        {
            int next = element(span[(length + 1)..]);
            if (next == 0)
            {
                break;
            }

            length += 1 + next;
        }

        return length;
    }

    /// <summary>
    /// The length of the Quoted-string <paramref name="span"/> starts with, quotes included, or 0.
    /// RFC 5321 §4.1.2: <c>DQUOTE *QcontentSMTP DQUOTE</c>, <c>quoted-pairSMTP = %d92 %d32-126</c>;
    /// RFC 6531 §3.3: <c>qtextSMTP =/ UTF8-non-ascii</c>.
    /// </summary>
    internal static int QuotedString(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty || span[0] != (byte)'"')
        {
            return 0;
        }

        int length = 1;
        while (true)
        {
            length += SpanOf(span[length..], Qtext);
            if (length == span.Length)
            {
                return 0;
            }

            if (span[length] == (byte)'"')
            {
                return length + 1;
            }

            if (span[length] != (byte)'\\' || length + 1 == span.Length || span[length + 1] is < 32 or > 126)
            {
                return 0;
            }

            length += 2;
        }
    }

    private static SearchValues<byte> Ascii(Func<byte, bool> member)
    {
        Span<byte> octets = stackalloc byte[128];
        int count = 0;
        for (int octet = 0; octet < 128; octet++)
        {
            if (member((byte)octet))
            {
                octets[count++] = (byte)octet;
            }
        }

        return SearchValues.Create(octets[..count]);
    }
}
