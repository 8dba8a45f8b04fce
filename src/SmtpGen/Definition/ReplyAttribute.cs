namespace SmtpGen;

/// <summary>
/// Declares a fixed reply on a member of the protocol's reply enum. The generator writes it out once as
/// UTF-8 (<c>"250 2.0.0 OK\r\n"u8</c>) so that sending it copies bytes and formats nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class ReplyAttribute : Attribute
{
    /// <summary>A reply without an enhanced status code, e.g. <c>[Reply(354, "Start mail input")]</c>.</summary>
    /// <param name="code">The three-digit reply code.</param>
    /// <param name="text">The reply's text.</param>
    public ReplyAttribute(int code, string text)
    {
        Code = code;
        Text = text;
    }

    /// <summary>A reply with an RFC 3463 enhanced status code, e.g. <c>[Reply(250, "2.0.0", "OK")]</c>.</summary>
    /// <param name="code">The three-digit reply code.</param>
    /// <param name="enhancedStatusCode">The enhanced status code, <c>class.subject.detail</c>; its class must be the reply code's first digit.</param>
    /// <param name="text">The reply's text.</param>
    public ReplyAttribute(int code, string enhancedStatusCode, string text)
    {
        Code = code;
        EnhancedStatusCode = enhancedStatusCode;
        Text = text;
    }

    /// <summary>A reply of a protocol whose replies start with a status token, e.g. <c>[Reply("+OK", "POP3 server ready")]</c>.</summary>
    /// <param name="status">One of the protocol's tokens, declared with <see cref="StatusAttribute"/>.</param>
    /// <param name="text">The reply's text.</param>
    public ReplyAttribute(string status, string text)
    {
        Status = status;
        Text = text;
    }

    /// <summary>The three-digit reply code; 0 for a status reply.</summary>
    public int Code { get; }

    /// <summary>The status token, or <see langword="null"/> for a numeric reply.</summary>
    public string? Status { get; }

    /// <summary>The enhanced status code, or <see langword="null"/>.</summary>
    public string? EnhancedStatusCode { get; }

    /// <summary>The reply's text.</summary>
    public string Text { get; }
}
