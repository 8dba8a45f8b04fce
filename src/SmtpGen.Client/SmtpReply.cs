using System.Globalization;

namespace SmtpGen.Client;

/// <summary>A reply of the server (RFC 5321 §4.2): its code, its enhanced status code and its text lines.</summary>
public sealed class SmtpReply
{
    /// <summary>Creates a reply.</summary>
    /// <param name="code">The reply code.</param>
    /// <param name="enhancedStatusCode">The RFC 3463 enhanced status code of the first line, or the default value.</param>
    /// <param name="lines">The text of each line, after the code and the enhanced status code.</param>
    public SmtpReply(ReplyCode code, EnhancedStatusCode enhancedStatusCode, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Code = code;
        EnhancedStatusCode = enhancedStatusCode;
        Lines = lines;
    }

    /// <summary>The reply code.</summary>
    public ReplyCode Code { get; }

    /// <summary>The enhanced status code (RFC 3463) of the first line; the default value when there is none.</summary>
    public EnhancedStatusCode EnhancedStatusCode { get; }

    /// <summary>The text of each line, without code or enhanced status code.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The text of the lines, joined by line feeds.</summary>
    public string Text => string.Join('\n', Lines);

    /// <summary>Whether the code is 2yz, the action was completed.</summary>
    public bool IsPositiveCompletion => Code.Class == ReplyClass.PositiveCompletion;

    /// <summary>The reply as its first line would read, e.g. <c>550 5.1.1 No such user</c>.</summary>
    /// <returns>The code, the enhanced status code when there is one, and the text.</returns>
    public override string ToString()
    {
        // For people: a server's control characters shown as \xNN, not handed to a terminal (Lines keep them).
        string first = Lines.Count == 0 ? "" : ShownLine.Of(Lines[0]);
        return EnhancedStatusCode.IsEmpty
            ? string.Create(CultureInfo.InvariantCulture, $"{Code} {first}")
            : string.Create(CultureInfo.InvariantCulture, $"{Code} {EnhancedStatusCode} {first}");
    }
}
