using System.Text;

namespace SmtpGen.Benchmarks;

/// <summary>The lines of the seed conversation (shared/seeds), as the wire carries them.</summary>
internal static class SeedLines
{
    public static readonly byte[][] Commands = Lines(
        "HELO client.example.com",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "DATA",
        "QUIT");

    /// <summary>A recipient with DSN parameters (RFC 3461): a long line with an ESMTP parameter list to scan.</summary>
    public static readonly byte[] LongRcpt = Line("RCPT TO:<bob@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.com");

    /// <summary>A command none of the parsers knows: the cost of saying no.</summary>
    public static readonly byte[] UnknownVerb = Line("XCLIENT ADDR=192.0.2.1");

    public static readonly byte[][] Replies = Lines(
        "220 mail.example.com Service ready",
        "250 Hello client.example.com",
        "250 OK",
        "250 OK",
        "354 Start mail input; end with <CRLF>.<CRLF>",
        "250 OK: Message accepted",
        "221 Bye");

    /// <summary>A typical multi-line EHLO reply (RFC 5321 §4.1.1.1, with extensions a server announces).</summary>
    public static readonly byte[][] EhloReply = Lines(
        "250-mail.example.com Hello client.example.com",
        "250-SIZE 35882577",
        "250-8BITMIME",
        "250-PIPELINING",
        "250-ENHANCEDSTATUSCODES",
        "250-SMTPUTF8",
        "250-CHUNKING",
        "250 HELP");

    private static byte[][] Lines(params string[] lines) => lines.Select(Line).ToArray();

    private static byte[] Line(string line) => Encoding.ASCII.GetBytes(line + "\r\n");
}
