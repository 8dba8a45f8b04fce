using System.Text;

namespace SmtpGen.Benchmarks;

/// <summary>The lines of RFC 1939's example POP3 session (§10), as the wire carries them.</summary>
internal static class Pop3SessionLines
{
    /// <summary>The client's eight commands: APOP, STAT, LIST, two RETR and DELE pairs, QUIT.</summary>
    public static readonly byte[][] Commands = Lines(
        "APOP mrose c4c9334bac560ecc979e58001b3e22fb",
        "STAT",
        "LIST",
        "RETR 1",
        "DELE 1",
        "RETR 2",
        "DELE 2",
        "QUIT");

    /// <summary>
    /// The server's status lines: the greeting with APOP's timestamp, the replies to APOP, STAT, LIST, RETR and DELE, a
    /// refusal, and the sign-off. (The listing and the messages that follow LIST and RETR are response bodies, not
    /// reply lines.)
    /// </summary>
    public static readonly byte[][] Replies = Lines(
        "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>",
        "+OK mrose's maildrop has 2 messages (320 octets)",
        "+OK 2 320",
        "+OK 2 messages (320 octets)",
        "+OK 120 octets",
        "+OK message 1 deleted",
        "-ERR no such message",
        "+OK dewey POP3 server signing off (maildrop empty)");

    /// <summary>
    /// Commands outside the session, for the agreement check only (never timed): the other verbs, and lines each
    /// parser must refuse for the same reason.
    /// </summary>
    public static readonly byte[][] OtherCommands =
    [
        .. Lines(
            "USER mrose", "user mrose", "PASS secret with spaces", "CAPA", "NOOP", "RSET", "LIST 2", "UIDL", "UIDL 1",
            "TOP 1 10", "top 3 25", "RETR", "RETR one", "RETR 1x", "LIST ", "LIST x", "TOP 1", "TOP ", "TOP", "STAT 1",
            "QUIT now", "APOP mrose", "APOP mrose  c4c9", "USER mrose@example.com", "RETR 1234567890123456789",
            "XTND XMIT", "HELO client.example.com", "TOPS 1", "ST", ""),
        Encoding.ASCII.GetBytes("RETR 1\n"),
        Encoding.ASCII.GetBytes("RETR\r1\r\n"),
        Encoding.UTF8.GetBytes("USER jörg\r\n"),
        Encoding.UTF8.GetBytes("PASS pä ss\r\n"),
        [.. "USER j"u8, 0xC3, .. "\r\n"u8],
        Line("PASS " + new string('x', 248)),
        Line("PASS " + new string('x', 249)),
    ];

    /// <summary>Reply lines outside the session, for the agreement check only (never timed).</summary>
    public static readonly byte[][] OtherReplies =
    [
        .. Lines("+OK", "-ERR", "-err permission denied", "+ok 2 320", "+OKAY", "-ERRS", "250 OK", "OK", "+OK bell\a", "+O", ""),
        Encoding.ASCII.GetBytes("+OK\n"),
        Encoding.UTF8.GetBytes("+OK été\r\n"),
        [.. "+OK caf"u8, 0xC3, .. "\r\n"u8],
        Line("+OK " + new string('x', 506)),
        Line("+OK " + new string('x', 507)),
    ];

    private static byte[][] Lines(params string[] lines) => lines.Select(Line).ToArray();

    private static byte[] Line(string line) => Encoding.ASCII.GetBytes(line + "\r\n");
}
