namespace SmtpGen;

/// <summary>
/// Follows a multi-line reply as a client reads it line by line, checking that each line fits the reply it
/// continues (RFC 5321 §4.2.1, RFC 959 §4.2).
/// </summary>
public struct ReplyAccumulator
{
    private readonly ReplySyntax _syntax;

    /// <summary>Creates an accumulator for a protocol's replies.</summary>
    /// <param name="syntax">The protocol's reply settings.</param>
    public ReplyAccumulator(ReplySyntax syntax) => _syntax = syntax;

    /// <summary>Whether the last line added ended the reply.</summary>
    public bool IsComplete { readonly get; private set; }

    /// <summary>The reply's code, from its first line.</summary>
    public ReplyCode Code { readonly get; private set; }

    /// <summary>The enhanced status code of the reply's first line, or the default value.</summary>
    public EnhancedStatusCode EnhancedStatusCode { readonly get; private set; }

    /// <summary>The lines of the reply added so far.</summary>
    public int LineCount { readonly get; private set; }

    /// <summary>
    /// Parses the next line of the reply. A line added after the reply is complete starts the next reply.
    /// A line that fails leaves the accumulator as it was.
    /// </summary>
    /// <param name="line">The line, ending with CRLF.</param>
    /// <param name="parsed">The parsed line when the result is <see cref="ReplyStatus.Ok"/>.</param>
    /// <returns>
    /// As <see cref="ReplyLine.TryParse"/>, and <see cref="ReplyStatus.SyntaxError"/> when a line of a
    /// multi-line reply carries another code than the first.
    /// </returns>
    public ReplyStatus Add(ReadOnlySpan<byte> line, out ReplyLine parsed)
    {
        parsed = default;
        ReplyStatus status = ReplyLine.TryGetContent(line, _syntax, out ReadOnlySpan<byte> content, out bool hasControl);
        if (status != ReplyStatus.Ok)
        {
            return status;
        }

        bool first = IsComplete || LineCount == 0;
        status = first || _syntax.MultilineReplies == MultilineReplies.CodeOnEveryLine
            ? ReplyLine.Parse(content, _syntax, out parsed, hasControl)
            : ParseFreeTextOrLast(content, hasControl, out parsed);
        if (status != ReplyStatus.Ok)
        {
            return status;
        }

        if (first)
        {
            Code = parsed.Code;
            EnhancedStatusCode = parsed.EnhancedStatusCode;
            LineCount = 0;
        }
        else if (parsed.Code != Code)
        {
            // RFC 5321 §4.2.1: every line of a multi-line reply carries the same code.
            parsed = default;
            return ReplyStatus.SyntaxError;
        }

        LineCount++;
        IsComplete = parsed.IsLast;
        return ReplyStatus.Ok;
    }

    /// <summary>
    /// RFC 959 §4.2: after <c>ddd-</c>, the reply ends at the first line that starts with the same code
    /// followed by SP; the lines before it are free text, whatever they start with.
    /// </summary>
    private readonly ReplyStatus ParseFreeTextOrLast(ReadOnlySpan<byte> content, bool hasControl, out ReplyLine parsed)
    {
        if (ReplyLine.Parse(content, _syntax, out parsed, hasControl) == ReplyStatus.Ok && parsed.IsLast && parsed.Code == Code)
        {
            return ReplyStatus.Ok;
        }

        if (hasControl)
        {
            parsed = default;
            return ReplyStatus.SyntaxError;
        }

        parsed = new ReplyLine(content, Code, default, content, isLast: false, hasCode: false);
        return ReplyStatus.Ok;
    }
}
