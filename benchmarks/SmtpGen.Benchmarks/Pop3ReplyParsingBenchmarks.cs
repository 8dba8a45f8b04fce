using BenchmarkDotNet.Attributes;
using SmtpGen.Benchmarks.Baselines;
using SmtpGen.Protocols.Tests.Pop3;

namespace SmtpGen.Benchmarks;

/// <summary>
/// Parses the eight status lines of a POP3 session (RFC 1939 §10's greeting, replies and sign-off, and a
/// <c>-ERR</c>) with the hand-written floor and the generated <c>Pop3Protocol.TryParseReplyLine</c>. Both hand out
/// the outcome, the token and the text; the results are summed and returned so that nothing is optimised away.
/// </summary>
[MemoryDiagnoser]
public class Pop3ReplyParsingBenchmarks
{
    private readonly byte[][] _replies = Pop3SessionLines.Replies;

    /// <summary>Both parsers must read every line alike (the session's, and the other lines of the check), or the comparison means nothing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        foreach (byte[] line in _replies)
        {
            ReplyAgreement.CheckPop3(line);
        }

        foreach (byte[] line in Pop3SessionLines.OtherReplies)
        {
            ReplyAgreement.CheckPop3(line);
        }
    }

    [Benchmark(Baseline = true, Description = "Session replies, hand-written")]
    public int HandWritten()
    {
        int sum = 0;
        foreach (byte[] line in _replies)
        {
            if (HandWrittenPop3ReplyParser.TryParse(line, out bool positive, out ReadOnlySpan<byte> status, out ReadOnlySpan<byte> text))
            {
                sum += (positive ? 0 : 2) + status.Length + text.Length;
            }
        }

        return sum;
    }

    [Benchmark(Description = "Session replies, generated")]
    public int Generated()
    {
        int sum = 0;
        foreach (byte[] line in _replies)
        {
            if (Pop3Protocol.TryParseReplyLine(line, out StatusLine reply) == ReplyStatus.Ok)
            {
                sum += (int)reply.Outcome + reply.Status.Length + reply.Text.Length;
            }
        }

        return sum;
    }
}
