using System.Buffers;
using System.Text;

namespace SmtpGen.Benchmarks.Baselines;

/// <summary>The commands the hand-written POP3 parser knows (RFC 1939 §§4–7, CAPA of RFC 2449 §5).</summary>
public enum HandPop3Verb
{
    None,
    User,
    Pass,
    Apop,
    Capa,
    Stat,
    List,
    Retr,
    Dele,
    Noop,
    Rset,
    Top,
    Uidl,
    Quit,
}

/// <summary>
/// What a careful engineer would write by hand for RFC 1939 command lines, the floor of the POP3 command benchmarks:
/// the same checks as the generated parser, in one file, with no generator and no shared runtime. Framing (at most
/// 255 octets, RFC 2449 §4; CRLF only), verb dispatch on a packed case-folded integer, then per command: nothing more
/// (STAT, QUIT, ...), a message number of 1 to 18 digits (RETR, DELE; optional for LIST and UIDL; TOP's two), a run of
/// printable characters (USER's and APOP's name), an atom (APOP's digest), or the rest of the line as text (PASS). It hands back spans and numbers, and
/// reuses <see cref="HandStatus"/> for its outcome.
/// </summary>
public static class HandWrittenPop3CommandParser
{
    private const int MaxLine = 255;

    private const int MaxDigits = 18;

    private static readonly SearchValues<byte> Atext =
        SearchValues.Create("!#$%&'*+-/0123456789=?ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>VCHAR (RFC 5234 B.1): what a name may hold besides UTF-8.</summary>
    private static readonly SearchValues<byte> Vchar = SearchValues.Create(
        "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>HTAB, SP and VCHAR: what PASS's text may hold besides UTF-8.</summary>
    private static readonly SearchValues<byte> TextChar = SearchValues.Create(
        "\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>
    /// Parses one command line, CRLF included. <paramref name="argument"/> is USER's or APOP's name, or PASS's
    /// password; <paramref name="digest"/> is APOP's digest; <paramref name="message"/> is -1 when the command has no
    /// message number; <paramref name="lines"/> is TOP's line count.
    /// </summary>
    public static HandStatus TryParse(
        ReadOnlySpan<byte> line,
        out HandPop3Verb verb,
        out ReadOnlySpan<byte> argument,
        out ReadOnlySpan<byte> digest,
        out long message,
        out long lines)
    {
        verb = HandPop3Verb.None;
        argument = default;
        digest = default;
        message = -1;
        lines = 0;
        if (line.Length > MaxLine)
        {
            return HandStatus.LineTooLong;
        }

        if (line.Length < 2 || line[^2] != '\r' || line[^1] != '\n' || line[..^2].IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            return HandStatus.BadLineEnding;
        }

        ReadOnlySpan<byte> content = line[..^2];
        if (content.Length < 3)
        {
            return HandStatus.UnknownVerb;
        }

        // TOP is the one three-letter verb.
        if (content.Length == 3 || content[3] == ' ')
        {
            uint packed3 = (uint)(content[0] | (content[1] << 8) | (content[2] << 16)) & 0xDFDFDFU;
            if (packed3 != 0x504F54) // TOP
            {
                return HandStatus.UnknownVerb;
            }

            verb = HandPop3Verb.Top;
            ReadOnlySpan<byte> top = content[3..];
            return Space(ref top) && Number(ref top, out message) && Space(ref top) && Number(ref top, out lines) && top.IsEmpty
                ? HandStatus.Ok
                : HandStatus.SyntaxError;
        }

        if (content.Length > 4 && content[4] != ' ')
        {
            return HandStatus.UnknownVerb;
        }

        uint packed = (uint)(content[0] | (content[1] << 8) | (content[2] << 16) | (content[3] << 24)) & 0xDFDFDFDFU;
        ReadOnlySpan<byte> rest = content[4..];
        switch (packed)
        {
            case 0x52455355: // USER
                verb = HandPop3Verb.User;
                return Space(ref rest) && Run(ref rest, Vchar, out argument) && rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x53534150: // PASS
                verb = HandPop3Verb.Pass;
                return Space(ref rest) && Text(rest, out argument) ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x504F5041: // APOP
                verb = HandPop3Verb.Apop;
                return Space(ref rest) && Run(ref rest, Vchar, out argument) && Space(ref rest) && Run(ref rest, Atext, out digest) && rest.IsEmpty
                    ? HandStatus.Ok
                    : HandStatus.SyntaxError;
            case 0x41504143: // CAPA
                verb = HandPop3Verb.Capa;
                return rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x54415453: // STAT
                verb = HandPop3Verb.Stat;
                return rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x5453494C: // LIST
                verb = HandPop3Verb.List;
                return OptionalNumber(rest, out message);
            case 0x52544552: // RETR
                verb = HandPop3Verb.Retr;
                return Space(ref rest) && Number(ref rest, out message) && rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x454C4544: // DELE
                verb = HandPop3Verb.Dele;
                return Space(ref rest) && Number(ref rest, out message) && rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x504F4F4E: // NOOP
                verb = HandPop3Verb.Noop;
                return rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x54455352: // RSET
                verb = HandPop3Verb.Rset;
                return rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x4C444955: // UIDL
                verb = HandPop3Verb.Uidl;
                return OptionalNumber(rest, out message);
            case 0x54495551: // QUIT
                verb = HandPop3Verb.Quit;
                return rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            default:
                return HandStatus.UnknownVerb;
        }
    }

    /// <summary>Nothing, or SP and a message number (LIST, UIDL).</summary>
    private static HandStatus OptionalNumber(ReadOnlySpan<byte> rest, out long message)
    {
        message = -1;
        if (rest.IsEmpty)
        {
            return HandStatus.Ok;
        }

        if (!Space(ref rest) || !Number(ref rest, out message) || !rest.IsEmpty)
        {
            message = -1;
            return HandStatus.SyntaxError;
        }

        return HandStatus.Ok;
    }

    private static bool Space(ref ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty || rest[0] != ' ')
        {
            return false;
        }

        rest = rest[1..];
        return true;
    }

    /// <summary>1 to 18 digits, not followed by another digit (so the value fits a <see cref="long"/>).</summary>
    private static bool Number(ref ReadOnlySpan<byte> rest, out long value)
    {
        value = 0;
        int digits = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (digits < 0)
        {
            digits = rest.Length;
        }

        if (digits is 0 or > MaxDigits)
        {
            return false;
        }

        for (int i = 0; i < digits; i++)
        {
            value = (value * 10) + (rest[i] - '0');
        }

        rest = rest[digits..];
        return true;
    }

    /// <summary>The longest run of <paramref name="ascii"/> at the start of <paramref name="rest"/>, UTF-8 allowed (RFC 6531 §3.3).</summary>
    private static bool Run(scoped ref ReadOnlySpan<byte> rest, SearchValues<byte> ascii, out ReadOnlySpan<byte> atom)
    {
        int length = 0;
        while (length < rest.Length)
        {
            int run = rest[length..].IndexOfAnyExcept(ascii);
            if (run < 0)
            {
                length = rest.Length;
                break;
            }

            length += run;
            if (rest[length] < 0x80 || Rune.DecodeFromUtf8(rest[length..], out _, out int n) != OperationStatus.Done)
            {
                break;
            }

            length += n;
        }

        atom = rest[..length];
        rest = rest[length..];
        return length > 0;
    }

    /// <summary>All of <paramref name="rest"/>, non-empty, as HTAB, SP, VCHAR or UTF-8.</summary>
    private static bool Text(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> text)
    {
        text = default;
        int i = 0;
        while (i < rest.Length)
        {
            int run = rest[i..].IndexOfAnyExcept(TextChar);
            if (run < 0)
            {
                break;
            }

            i += run;
            if (rest[i] < 0x80 || Rune.DecodeFromUtf8(rest[i..], out _, out int n) != OperationStatus.Done)
            {
                return false;
            }

            i += n;
        }

        if (rest.IsEmpty)
        {
            return false;
        }

        text = rest;
        return true;
    }
}
