using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SmtpGen.Benchmarks.Baselines;

/// <summary>The verbs the hand-written parser knows (RFC 5321 §4.1.1).</summary>
public enum HandVerb
{
    None,
    Ehlo,
    Helo,
    Mail,
    Rcpt,
    Data,
    Rset,
    Vrfy,
    Expn,
    Help,
    Noop,
    Quit,
}

/// <summary>Outcome of the hand-written parser, mirroring <c>SmtpGen.CommandStatus</c>.</summary>
public enum HandStatus
{
    Ok,
    UnknownVerb,
    SyntaxError,
    LineTooLong,
    BadLineEnding,
}

/// <summary>
/// What a careful engineer would write by hand for RFC 5321 command lines: the same checks as the generated
/// parser, in one file, with no generator and no shared runtime. Framing (length, CRLF only), verb dispatch on a
/// packed case-folded integer, then per command: the literal (<c>FROM:</c>, <c>TO:</c>, case-insensitive), the
/// path (<c>&lt;&gt;</c>, dot-string or quoted local part with RFC 6531 UTF-8, domain of LDH labels or an address
/// literal), and ESMTP parameters (keyword, optional value). It hands back spans, as the generated parser does.
/// </summary>
public static class HandWrittenCommandParser
{
    private const int MaxLine = 512;

    private static readonly SearchValues<byte> Ldh =
        SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static readonly SearchValues<byte> Atext =
        SearchValues.Create("!#$%&'*+-/0123456789=?ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    private static readonly SearchValues<byte> EsmtpKeyword =
        SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private const ulong Mask4 = 0xDFDFDFDFUL;

    public static HandStatus TryParse(
        ReadOnlySpan<byte> line,
        out HandVerb verb,
        out ReadOnlySpan<byte> path,
        out ReadOnlySpan<byte> parameters)
    {
        verb = HandVerb.None;
        path = default;
        parameters = default;
        if (line.Length > MaxLine)
        {
            return HandStatus.LineTooLong;
        }

        if (line.Length < 2 || line[^2] != '\r' || line[^1] != '\n' || line[..^2].IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            return HandStatus.BadLineEnding;
        }

        ReadOnlySpan<byte> content = line[..^2];
        if (content.Length < 4 || (content.Length > 4 && content[4] != ' '))
        {
            return HandStatus.UnknownVerb;
        }

        uint packed = BinaryPrimitives.ReadUInt32LittleEndian(content) & (uint)Mask4;
        ReadOnlySpan<byte> rest = content[4..];
        switch (packed)
        {
            case 0x4F4C4845: // EHLO
                verb = HandVerb.Ehlo;
                return Hello(rest, out path);
            case 0x4F4C4548: // HELO
                verb = HandVerb.Helo;
                return Hello(rest, out path);
            case 0x4C49414D: // MAIL
                verb = HandVerb.Mail;
                return PathAndParameters(rest, " FROM:"u8, allowNull: true, out path, out parameters);
            case 0x54504352: // RCPT
                verb = HandVerb.Rcpt;
                return PathAndParameters(rest, " TO:"u8, allowNull: false, out path, out parameters);
            case 0x41544144: // DATA
                verb = HandVerb.Data;
                return rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x54455352: // RSET
                verb = HandVerb.Rset;
                return rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x54495551: // QUIT
                verb = HandVerb.Quit;
                return rest.IsEmpty ? HandStatus.Ok : HandStatus.SyntaxError;
            case 0x504F4F4E: // NOOP
                verb = HandVerb.Noop;
                return OptionalWord(rest, out path);
            case 0x504C4548: // HELP
                verb = HandVerb.Help;
                return OptionalWord(rest, out path);
            case 0x59465256: // VRFY
                verb = HandVerb.Vrfy;
                return rest.IsEmpty ? HandStatus.SyntaxError : OptionalWord(rest, out path);
            case 0x4E505845: // EXPN
                verb = HandVerb.Expn;
                return rest.IsEmpty ? HandStatus.SyntaxError : OptionalWord(rest, out path);
            default:
                return HandStatus.UnknownVerb;
        }
    }

    private static HandStatus Hello(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> domain)
    {
        domain = default;
        if (rest.Length < 2 || rest[0] != ' ')
        {
            return HandStatus.SyntaxError;
        }

        ReadOnlySpan<byte> argument = rest[1..];
        bool valid = argument[0] == '[' ? IsAddressLiteral(argument) : IsDomain(argument);
        if (!valid)
        {
            return HandStatus.SyntaxError;
        }

        domain = argument;
        return HandStatus.Ok;
    }

    private static HandStatus OptionalWord(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> word)
    {
        word = default;
        if (rest.IsEmpty)
        {
            return HandStatus.Ok;
        }

        if (rest.Length < 2 || rest[0] != ' ' || rest[1..].IndexOfAnyExcept(Atext) >= 0)
        {
            return HandStatus.SyntaxError;
        }

        word = rest[1..];
        return HandStatus.Ok;
    }

    private static HandStatus PathAndParameters(
        ReadOnlySpan<byte> rest,
        ReadOnlySpan<byte> literal,
        bool allowNull,
        out ReadOnlySpan<byte> path,
        out ReadOnlySpan<byte> parameters)
    {
        path = default;
        parameters = default;
        if (rest.Length < literal.Length || !Ascii.EqualsIgnoreCase(rest[..literal.Length], literal))
        {
            return HandStatus.SyntaxError;
        }

        rest = rest[literal.Length..];
        int close = ScanPath(rest, allowNull);
        if (close < 0)
        {
            return HandStatus.SyntaxError;
        }

        path = rest[..close];
        rest = rest[close..];
        if (rest.IsEmpty)
        {
            return HandStatus.Ok;
        }

        if (rest[0] != ' ' || !AreParameters(rest[1..]))
        {
            return HandStatus.SyntaxError;
        }

        parameters = rest[1..];
        return HandStatus.Ok;
    }

    /// <summary>The length of <c>&lt;...&gt;</c> at the start of <paramref name="s"/>, or -1.</summary>
    private static int ScanPath(ReadOnlySpan<byte> s, bool allowNull)
    {
        if (s.Length < 2 || s[0] != '<')
        {
            return -1;
        }

        if (s[1] == '>')
        {
            return allowNull ? 2 : -1;
        }

        int i = 1;
        // Local part: Dot-string / Quoted-string (RFC 5321 §4.1.2), UTF-8 allowed (RFC 6531 §3.3).
        if (s[i] == '"')
        {
            i++;
            while (true)
            {
                if (i >= s.Length)
                {
                    return -1;
                }

                byte c = s[i];
                if (c == '"')
                {
                    i++;
                    break;
                }

                if (c == '\\')
                {
                    if (i + 1 >= s.Length || s[i + 1] < 32 || s[i + 1] > 126)
                    {
                        return -1;
                    }

                    i += 2;
                }
                else if (c is >= 32 and <= 126)
                {
                    i++;
                }
                else if (c >= 0x80 && Rune.DecodeFromUtf8(s[i..], out _, out int n) == OperationStatus.Done)
                {
                    i += n;
                }
                else
                {
                    return -1;
                }
            }
        }
        else
        {
            while (true)
            {
                int atom = AtomLength(s[i..]);
                if (atom == 0)
                {
                    return -1;
                }

                i += atom;
                if (i < s.Length && s[i] == '.')
                {
                    i++;
                    continue;
                }

                break;
            }
        }

        if (i >= s.Length || s[i] != '@')
        {
            // <Postmaster> (RFC 5321 §4.1.1.3) is the one path without a domain.
            return !allowNull && i < s.Length && s[i] == '>' && Ascii.EqualsIgnoreCase(s[1..i], "Postmaster"u8) ? i + 1 : -1;
        }

        i++;
        int end = s[i..].IndexOf((byte)'>');
        if (end <= 0)
        {
            return -1;
        }

        ReadOnlySpan<byte> domain = s.Slice(i, end);
        bool valid = domain[0] == '[' ? IsAddressLiteral(domain) : IsDomain(domain);
        return valid ? i + end + 1 : -1;
    }

    private static int AtomLength(ReadOnlySpan<byte> s)
    {
        int i = 0;
        while (i < s.Length)
        {
            int run = s[i..].IndexOfAnyExcept(Atext);
            if (run < 0)
            {
                return s.Length;
            }

            i += run;
            if (s[i] < 0x80 || Rune.DecodeFromUtf8(s[i..], out _, out int n) != OperationStatus.Done)
            {
                return i;
            }

            i += n;
        }

        return i;
    }

    /// <summary>sub-domain *("." sub-domain), each Let-dig [Ldh-str]; U-labels allowed (RFC 6531).</summary>
    private static bool IsDomain(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s.Length > 255)
        {
            return false;
        }

        while (true)
        {
            int dot = s.IndexOf((byte)'.');
            ReadOnlySpan<byte> label = dot < 0 ? s : s[..dot];
            if (!IsLabel(label))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            s = s[(dot + 1)..];
        }
    }

    private static bool IsLabel(ReadOnlySpan<byte> label)
    {
        if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        int i = 0;
        while (true)
        {
            int run = label[i..].IndexOfAnyExcept(Ldh);
            if (run < 0)
            {
                return true;
            }

            i += run;
            if (label[i] < 0x80 || Rune.DecodeFromUtf8(label[i..], out _, out int n) != OperationStatus.Done)
            {
                return false;
            }

            i += n;
        }
    }

    /// <summary><c>[IPv4]</c>, <c>[IPv6:...]</c> or <c>[tag:dcontent]</c> (RFC 5321 §4.1.3).</summary>
    private static bool IsAddressLiteral(ReadOnlySpan<byte> s)
    {
        if (s.Length < 3 || s[0] != '[' || s[^1] != ']')
        {
            return false;
        }

        ReadOnlySpan<byte> inner = s[1..^1];
        if (inner.Length > 5 && Ascii.EqualsIgnoreCase(inner[..5], "IPv6:"u8))
        {
            return IsIPv6(inner[5..]);
        }

        return IsIPv4(inner);
    }

    private static bool IsIPv4(ReadOnlySpan<byte> s)
    {
        for (int part = 0; part < 4; part++)
        {
            int digits = s.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            if (digits < 0)
            {
                digits = s.Length;
            }

            if (digits is 0 or > 3)
            {
                return false;
            }

            int value = 0;
            for (int i = 0; i < digits; i++)
            {
                value = (value * 10) + (s[i] - '0');
            }

            if (value > 255)
            {
                return false;
            }

            s = s[digits..];
            if (part < 3)
            {
                if (s.IsEmpty || s[0] != '.')
                {
                    return false;
                }

                s = s[1..];
            }
        }

        return s.IsEmpty;
    }

    /// <summary>Up to 8 groups of 1-4 hex digits separated by ':', at most one '::'.</summary>
    private static bool IsIPv6(ReadOnlySpan<byte> s)
    {
        int groups = 0;
        bool compressed = false;
        int i = 0;
        if (s.StartsWith("::"u8))
        {
            compressed = true;
            i = 2;
            if (i == s.Length)
            {
                return true;
            }
        }

        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && i - start < 5 && char.IsAsciiHexDigit((char)s[i]))
            {
                i++;
            }

            int length = i - start;
            if (length is 0 or > 4)
            {
                return false;
            }

            groups++;
            if (i == s.Length)
            {
                break;
            }

            if (s[i] != ':')
            {
                return false;
            }

            i++;
            if (i < s.Length && s[i] == ':')
            {
                if (compressed)
                {
                    return false;
                }

                compressed = true;
                i++;
                if (i == s.Length)
                {
                    break;
                }
            }
            else if (i == s.Length)
            {
                return false;
            }
        }

        return compressed ? groups < 8 : groups == 8;
    }

    /// <summary>esmtp-param *(SP esmtp-param); esmtp-keyword ["=" esmtp-value] (RFC 5321 §4.1.2).</summary>
    private static bool AreParameters(ReadOnlySpan<byte> s)
    {
        while (true)
        {
            int space = s.IndexOf((byte)' ');
            ReadOnlySpan<byte> parameter = space < 0 ? s : s[..space];
            int equals = parameter.IndexOf((byte)'=');
            ReadOnlySpan<byte> keyword = equals < 0 ? parameter : parameter[..equals];
            if (keyword.IsEmpty || !char.IsAsciiLetterOrDigit((char)keyword[0]) || keyword.IndexOfAnyExcept(EsmtpKeyword) >= 0)
            {
                return false;
            }

            if (equals >= 0)
            {
                ReadOnlySpan<byte> value = parameter[(equals + 1)..];
                if (value.IsEmpty || value.IndexOfAnyExceptInRange((byte)33, (byte)126) >= 0 || value.Contains((byte)'='))
                {
                    return false;
                }
            }

            if (space < 0)
            {
                return true;
            }

            s = s[(space + 1)..];
        }
    }
}
