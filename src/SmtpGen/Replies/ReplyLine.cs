namespace SmtpGen;

/// <summary>One parsed reply line: its code, whether more lines follow, and its text.</summary>
public readonly ref struct ReplyLine
{
    internal ReplyLine(ReadOnlySpan<byte> line, ReplyCode code, EnhancedStatusCode enhancedStatusCode, ReadOnlySpan<byte> text, bool isLast, bool hasCode)
    {
        Line = line;
        Code = code;
        EnhancedStatusCode = enhancedStatusCode;
        Text = text;
        IsLast = isLast;
        HasCode = hasCode;
    }

    /// <summary>The reply's code; for a free-text line (<see cref="HasCode"/> false), the code of the reply it belongs to.</summary>
    public ReplyCode Code { get; }

    /// <summary>Whether this is the reply's last line: its code is followed by SP or ends the line, not by "-".</summary>
    public bool IsLast { get; }

    /// <summary>Whether the line starts with a code; false only for the free-text middle lines of RFC 959 §4.2.</summary>
    public bool HasCode { get; }

    /// <summary>The enhanced status code split off the text, or the default value when there is none.</summary>
    public EnhancedStatusCode EnhancedStatusCode { get; }

    /// <summary>The text after the code and its SP or "-", and after the enhanced status code and its SP when split off.</summary>
    public ReadOnlySpan<byte> Text { get; }

    /// <summary>The whole line without its CRLF.</summary>
    public ReadOnlySpan<byte> Line { get; }

    /// <summary>Parses one reply line (RFC 5321 §4.2).</summary>
    /// <param name="line">The line, ending with CRLF.</param>
    /// <param name="syntax">The protocol's reply settings.</param>
    /// <param name="reply">The parsed line when the result is <see cref="ReplyStatus.Ok"/>.</param>
    /// <returns>
    /// <see cref="ReplyStatus.LineTooLong"/> or <see cref="ReplyStatus.BadLineEnding"/> as for a command line
    /// (<see cref="CommandLine.TryGetContent"/>); <see cref="ReplyStatus.SyntaxError"/> for a bad code or a
    /// control character in the text; otherwise <see cref="ReplyStatus.Ok"/>.
    /// </returns>
    public static ReplyStatus TryParse(ReadOnlySpan<byte> line, scoped in ReplySyntax syntax, out ReplyLine reply)
    {
        reply = default;
        ReplyStatus status = TryGetContent(line, syntax, out ReadOnlySpan<byte> content, out bool hasControl);
        return status == ReplyStatus.Ok ? Parse(content, syntax, out reply, hasControl) : status;
    }

    /// <summary>
    /// Checks a reply line's length and CRLF, with the same rules and results as for a command line
    /// (<see cref="CommandLine.TryGetContent"/>), and says whether the content holds a control octet. One scan does
    /// both: CR and LF are control octets, so the search for those the text may not hold also finds a bare CR or LF.
    /// </summary>
    internal static ReplyStatus TryGetContent(ReadOnlySpan<byte> line, scoped in ReplySyntax syntax, out ReadOnlySpan<byte> content, out bool hasControl)
    {
        content = default;
        hasControl = false;
        if (line.Length > syntax.MaxLineLength)
        {
            return ReplyStatus.LineTooLong;
        }

        if (!line.EndsWith("\r\n"u8))
        {
            return ReplyStatus.BadLineEnding;
        }

        ReadOnlySpan<byte> withoutEnding = line[..^2];
        if (TextControls.In(withoutEnding))
        {
            if (withoutEnding.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
            {
                return ReplyStatus.BadLineEnding;
            }

            hasControl = true;
        }

        content = withoutEnding;
        return ReplyStatus.Ok;
    }

    /// <summary>Parses a reply line's content, CRLF already removed.</summary>
    /// <param name="content">The line without its CRLF.</param>
    /// <param name="syntax">The protocol's reply settings.</param>
    /// <param name="reply">The parsed line.</param>
    /// <param name="hasControl">Whether <paramref name="content"/> may hold a control octet; when false, its text is not searched again.</param>
    internal static ReplyStatus Parse(ReadOnlySpan<byte> content, scoped in ReplySyntax syntax, out ReplyLine reply, bool hasControl = true)
    {
        reply = default;

        // RFC 5321 §4.2: Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
        if (!TryParseCode(content, syntax, out ReplyCode code))
        {
            return ReplyStatus.SyntaxError;
        }

        bool isLast = content.Length == 3 || content[3] == (byte)' ';
        if (!isLast && content[3] != (byte)'-')
        {
            return ReplyStatus.SyntaxError;
        }

        // Servers send non-ASCII octets in the text: only control characters are refused.
        ReadOnlySpan<byte> text = content.Length == 3 ? default : content[4..];
        if (hasControl && !IsText(text))
        {
            return ReplyStatus.SyntaxError;
        }

        // RFC 2034 §4 / RFC 3463 §2: "250 2.1.0 OK". A code of another class is ordinary text.
        EnhancedStatusCode enhanced = default;
        if (syntax.EnhancedStatusCodes
            && EnhancedStatusCode.TryParse(text, out EnhancedStatusCode candidate, out int length)
            && candidate.Class == (int)code.Class
            && (length == text.Length || text[length] == (byte)' '))
        {
            enhanced = candidate;
            text = text[Math.Min(length + 1, text.Length)..];
        }

        reply = new ReplyLine(content, code, enhanced, text, isLast, hasCode: true);
        return ReplyStatus.Ok;
    }

    /// <summary>Whether <paramref name="text"/> holds no control character other than HTAB (RFC 5321 §4.2: textstring).</summary>
    internal static bool IsText(ReadOnlySpan<byte> text) => !TextControls.In(text);

    /// <summary>
    /// RFC 5321 §4.2: the first digit is 2–5 (1–5 with preliminary or informative replies), the second 0–5 (0–9 where the protocol says
    /// so, as NNTP's), the third 0–9.
    /// </summary>
    private static bool TryParseCode(ReadOnlySpan<byte> content, scoped in ReplySyntax syntax, out ReplyCode code)
    {
        code = default;
        if (content.Length < 3)
        {
            return false;
        }

        int first = content[0] - '0';
        int second = content[1] - '0';
        int third = content[2] - '0';
        if (first < (syntax.PreliminaryReplies || syntax.InformativeReplies ? 1 : 2) || first > 5 || (uint)second > (syntax.AnySecondDigit ? 9u : 5u) || (uint)third > 9)
        {
            return false;
        }

        code = new ReplyCode((first * 100) + (second * 10) + third);
        return true;
    }
}
