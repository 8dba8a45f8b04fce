namespace SmtpGen;

/// <summary>How a protocol marks the lines of a multi-line reply.</summary>
public enum MultilineReplies
{
    /// <summary>
    /// Every line starts with the reply code; all but the last put a hyphen after it (<c>250-SIZE</c>),
    /// the last a space (<c>250 HELP</c>). RFC 5321 §4.2.1.
    /// </summary>
    CodeOnEveryLine,

    /// <summary>
    /// The first line is <c>code-text</c> and the last <c>code text</c>; the lines between may be any text
    /// (RFC 959 §4.2).
    /// </summary>
    CodeOnFirstAndLastLine,
}
