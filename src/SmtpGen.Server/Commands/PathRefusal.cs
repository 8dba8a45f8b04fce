using SmtpGen.Captures;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>
/// The precise refusal of a MAIL or RCPT line that did not parse because its path is no address: RFC 3463 §3.2's
/// X.1.7 (the sender's) and X.1.3 (a recipient's), as Postfix answers them, where any other syntax error of the line
/// (its parameters, text after the path) is 501 5.5.4.
/// </summary>
internal static class PathRefusal
{
    /// <summary>The reply for <paramref name="line"/>, a line the parser refused as a syntax error; null when its path reads.</summary>
    public static SmtpProtocol.Reply? Of(ReadOnlySpan<byte> line)
    {
        int position = 0;
        if (CommandLine.TryMatch(line, ref position, "MAIL FROM:"u8))
        {
            return ReversePath.TryScan(line, ref position, out _) ? null : SmtpProtocol.Reply.BadSenderAddressSyntax;
        }

        if (CommandLine.TryMatch(line, ref position, "RCPT TO:"u8))
        {
            return ForwardPath.TryScan(line, ref position, out _) ? null : SmtpProtocol.Reply.BadRecipientAddressSyntax;
        }

        return null;
    }
}
