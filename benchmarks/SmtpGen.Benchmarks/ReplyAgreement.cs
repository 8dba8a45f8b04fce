using System.Text;
using SmtpGen.Benchmarks.Baselines;
using SmtpGen.Protocols.Tests.Pop3;

namespace SmtpGen.Benchmarks;

/// <summary>Checks that POP3's reply parsers read a status line alike: accepted or not, the outcome, the token and the text.</summary>
internal static class ReplyAgreement
{
    public static void CheckPop3(byte[] line)
    {
        bool hand = HandWrittenPop3ReplyParser.TryParse(line, out bool positive, out ReadOnlySpan<byte> status, out ReadOnlySpan<byte> text);
        bool generated = Pop3Protocol.TryParseReplyLine(line, out StatusLine reply) == ReplyStatus.Ok;

        bool agree = hand == generated;
        if (agree && generated)
        {
            agree = (positive ? ReplyOutcome.Positive : ReplyOutcome.Negative) == reply.Outcome
                && status.SequenceEqual(reply.Status)
                && text.SequenceEqual(reply.Text);
        }

        if (!agree)
        {
            throw new InvalidOperationException(
                $"POP3 reply parsers disagree on \"{Encoding.ASCII.GetString(line).TrimEnd()}\": floor {hand} {(positive ? "+" : "-")} "
                + $"'{Encoding.ASCII.GetString(status)}' '{Encoding.ASCII.GetString(text)}', generated {generated} {reply.Outcome} "
                + $"'{Encoding.ASCII.GetString(reply.Status)}' '{Encoding.ASCII.GetString(reply.Text)}'.");
        }
    }
}
