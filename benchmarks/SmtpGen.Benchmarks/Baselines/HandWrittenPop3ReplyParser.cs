using System.Buffers;

namespace SmtpGen.Benchmarks.Baselines;

/// <summary>
/// A hand-written RFC 1939 §3 status-line parser, the floor of the POP3 reply benchmarks, with the same checks as the
/// generated one: at most 512 octets (RFC 2449 §4), CRLF only, no control character but HTAB (one search: CR and LF
/// are control characters too), then the status token, <c>+OK</c> or <c>-ERR</c> (ASCII case-insensitive), chosen by
/// its first octet, followed by SP or the end of the line. It hands back spans.
/// </summary>
public static class HandWrittenPop3ReplyParser
{
    private const int MaxLine = 512;

    private static readonly SearchValues<byte> Controls = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F"u8);

    /// <summary>
    /// Parses one reply line, CRLF included: <paramref name="positive"/> for <c>+OK</c>, not for <c>-ERR</c>;
    /// <paramref name="status"/> is the token as sent, <paramref name="text"/> what follows it and its SP.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out bool positive, out ReadOnlySpan<byte> status, out ReadOnlySpan<byte> text)
    {
        positive = false;
        status = default;
        text = default;
        if (line.Length > MaxLine || line.Length < 5 || line[^2] != '\r' || line[^1] != '\n')
        {
            return false;
        }

        ReadOnlySpan<byte> content = line[..^2];
        if (content.IndexOfAny(Controls) >= 0)
        {
            return false;
        }

        int length;
        if (content[0] == '+' && (content[1] | 0x20) == 'o' && (content[2] | 0x20) == 'k')
        {
            positive = true;
            length = 3;
        }
        else if (content.Length >= 4 && content[0] == '-' && (content[1] | 0x20) == 'e' && (content[2] | 0x20) == 'r' && (content[3] | 0x20) == 'r')
        {
            length = 4;
        }
        else
        {
            return false;
        }

        if (content.Length > length && content[length] != ' ')
        {
            positive = false;
            return false;
        }

        status = content[..length];
        text = content.Length > length ? content[(length + 1)..] : default;
        return true;
    }
}
