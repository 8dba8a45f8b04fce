using System.Buffers;

namespace SmtpGen.Benchmarks.Baselines;

/// <summary>
/// A hand-written RFC 5321 §4.2 reply-line parser with the same checks as the runtime's: CRLF only and a
/// length limit, a three-digit code in 200–599, SP or "-" after it, an optional RFC 3463 enhanced status
/// code whose class matches the reply's, and text free of control characters. It hands back spans.
/// </summary>
public static class HandWrittenReplyParser
{
    private const int MaxLine = 512;

    private static readonly SearchValues<byte> Controls = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F"u8);

    public static bool TryParse(
        ReadOnlySpan<byte> line,
        out int code,
        out bool isLast,
        out int statusClass,
        out int statusSubject,
        out int statusDetail,
        out ReadOnlySpan<byte> text)
    {
        code = 0;
        isLast = false;
        statusClass = statusSubject = statusDetail = 0;
        text = default;
        if (line.Length > MaxLine || line.Length < 5 || line[^2] != '\r' || line[^1] != '\n')
        {
            return false;
        }

        ReadOnlySpan<byte> content = line[..^2];
        if (content.Length < 3)
        {
            return false;
        }

        int d0 = content[0] - '0', d1 = content[1] - '0', d2 = content[2] - '0';
        if ((uint)d0 > 9 || (uint)d1 > 9 || (uint)d2 > 9)
        {
            return false;
        }

        code = (d0 * 100) + (d1 * 10) + d2;
        if (code is < 200 or > 599)
        {
            return false;
        }

        if (content.Length == 3)
        {
            isLast = true;
            return true;
        }

        byte separator = content[3];
        if (separator != ' ' && separator != '-')
        {
            return false;
        }

        isLast = separator == ' ';
        ReadOnlySpan<byte> rest = content[4..];
        if (rest.IndexOfAny(Controls) >= 0)
        {
            return false;
        }

        // Enhanced status code: class "." 1*3digit "." 1*3digit, then SP or end (RFC 3463, RFC 2034).
        if (TryStatus(rest, out statusClass, out statusSubject, out statusDetail, out int consumed) && statusClass == d0)
        {
            rest = rest[consumed..];
            if (!rest.IsEmpty)
            {
                rest = rest[1..];
            }
        }
        else
        {
            statusClass = statusSubject = statusDetail = 0;
        }

        text = rest;
        return true;
    }

    private static bool TryStatus(ReadOnlySpan<byte> s, out int @class, out int subject, out int detail, out int consumed)
    {
        @class = subject = detail = consumed = 0;
        if (s.Length < 5 || s[0] is not ((byte)'2' or (byte)'4' or (byte)'5') || s[1] != '.')
        {
            return false;
        }

        @class = s[0] - '0';
        int i = 2;
        if (!Number(s, ref i, out subject) || i >= s.Length || s[i] != '.')
        {
            return false;
        }

        i++;
        if (!Number(s, ref i, out detail) || (i < s.Length && s[i] != ' '))
        {
            return false;
        }

        consumed = i;
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> s, ref int i, out int value)
    {
        value = 0;
        int start = i;
        while (i < s.Length && i - start < 4 && (uint)(s[i] - '0') <= 9)
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        int length = i - start;
        return length is >= 1 and <= 3;
    }
}

/// <summary>Collects a multi-line reply (RFC 5321 §4.2.1: the same code on every line, "-" on all but the last).</summary>
public struct HandWrittenReplyAccumulator
{
    private int _code;

    public int LineCount { get; private set; }

    public bool IsComplete { get; private set; }

    public int Code => _code;

    public bool Add(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> text)
    {
        if (IsComplete || !HandWrittenReplyParser.TryParse(line, out int code, out bool isLast, out _, out _, out _, out text))
        {
            text = default;
            return false;
        }

        if (LineCount > 0 && code != _code)
        {
            return false;
        }

        _code = code;
        LineCount++;
        IsComplete = isLast;
        return true;
    }
}
