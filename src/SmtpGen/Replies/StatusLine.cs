using System.Text;
using SmtpGen.Grammar;

namespace SmtpGen;

/// <summary>
/// One reply line of a protocol whose replies start with a status token rather than a code (POP3's <c>+OK</c> and
/// <c>-ERR</c>, RFC 1939 §3): the token, the outcome the protocol gives it, and the text after it. Generated
/// <c>TryParseReplyLine</c> of such a protocol reads it without allocating.
/// </summary>
public readonly ref struct StatusLine
{
    private StatusLine(ReadOnlySpan<byte> line, ReadOnlySpan<byte> status, ReplyOutcome outcome, ReadOnlySpan<byte> text)
    {
        Line = line;
        Status = status;
        Outcome = outcome;
        Text = text;
    }

    /// <summary>The status token as sent, e.g. <c>+OK</c>.</summary>
    public ReadOnlySpan<byte> Status { get; }

    /// <summary>What the token says of the command.</summary>
    public ReplyOutcome Outcome { get; }

    /// <summary>The text after the token and its SP; empty when there is none.</summary>
    public ReadOnlySpan<byte> Text { get; }

    /// <summary>The whole line without its CRLF.</summary>
    public ReadOnlySpan<byte> Line { get; }

    /// <summary>
    /// Checks one reply line, CRLF included, as a command line is checked (<see cref="CommandLine.TryGetContent"/>),
    /// and that it holds no control character but HTAB.
    /// </summary>
    /// <param name="line">The line, ending with CRLF.</param>
    /// <param name="maxLength">The longest line allowed in octets, CRLF included.</param>
    /// <param name="content">The line without its CRLF when the result is <see cref="ReplyStatus.Ok"/>.</param>
    /// <returns>Whether the line can be a reply line, or why not.</returns>
    public static ReplyStatus TryGetContent(ReadOnlySpan<byte> line, int maxLength, out ReadOnlySpan<byte> content)
    {
        content = default;
        if (line.Length > maxLength)
        {
            return ReplyStatus.LineTooLong;
        }

        if (!line.EndsWith("\r\n"u8))
        {
            return ReplyStatus.BadLineEnding;
        }

        // One search finds any control character, CR and LF among them; only a line that has one is searched again.
        // The runtime's search of an ASCII set is inlined here, unlike in SMTP's longer reply parser, and the masked
        // load of TextControls.In measured no faster on POP3's status lines (benchmarks/README.md, fifteenth part).
        ReadOnlySpan<byte> text = line[..^2];
        if (text.IndexOfAny(Syntax.Controls) >= 0)
        {
            return text.IndexOfAny((byte)'\r', (byte)'\n') >= 0 ? ReplyStatus.BadLineEnding : ReplyStatus.SyntaxError;
        }

        content = text;
        return ReplyStatus.Ok;
    }

    /// <summary>
    /// Whether <paramref name="content"/> starts with <paramref name="token"/>, compared ASCII case-insensitively,
    /// followed by SP or by its end; if so, the line is read with <paramref name="outcome"/>.
    /// </summary>
    /// <param name="content">The line without its CRLF.</param>
    /// <param name="token">A status token of the protocol, e.g. <c>+OK</c>.</param>
    /// <param name="outcome">The outcome the protocol gives the token.</param>
    /// <param name="line">The parsed line on success.</param>
    /// <returns>Whether the line starts with the token.</returns>
    public static bool TryMatch(ReadOnlySpan<byte> content, ReadOnlySpan<byte> token, ReplyOutcome outcome, out StatusLine line)
    {
        line = default;
        if (content.Length < token.Length
            || !Ascii.EqualsIgnoreCase(content[..token.Length], token)
            || (content.Length > token.Length && content[token.Length] != (byte)' '))
        {
            return false;
        }

        ReadOnlySpan<byte> text = content.Length > token.Length ? content[(token.Length + 1)..] : default;
        line = new StatusLine(content, content[..token.Length], outcome, text);
        return true;
    }
}
