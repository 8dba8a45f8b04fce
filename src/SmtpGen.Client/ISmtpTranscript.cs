namespace SmtpGen.Client;

/// <summary>
/// Receives the conversation of an <see cref="SmtpClient"/> as it happens on the wire: each command line the
/// client sends, each reply line the server sends, and the mail data as sent. The spans are valid only during
/// the call.
/// </summary>
/// <remarks>Calls come from the client's own flow, one at a time, in the order of the wire.</remarks>
public interface ISmtpTranscript
{
    /// <summary>A command line the client sends, CRLF included.</summary>
    /// <param name="line">The line.</param>
    void OnCommand(ReadOnlySpan<byte> line);

    /// <summary>A reply line the server sent, CRLF included.</summary>
    /// <param name="line">The line.</param>
    void OnReply(ReadOnlySpan<byte> line);

    /// <summary>
    /// A piece of the mail data the client sends after 354: dot-stuffed, with CRLF line endings, and ending
    /// with <c>CRLF . CRLF</c> in the last piece. Pieces are split anywhere, not on line boundaries.
    /// </summary>
    /// <param name="data">The octets.</param>
    void OnData(ReadOnlySpan<byte> data);
}
