using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SmtpGen.Benchmarks.Baselines;
using SmtpGen.Smtp;

namespace SmtpGen.Benchmarks;

/// <summary>Parses the seed's seven reply lines, and an eight-line EHLO reply through an accumulator.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ReplyParsingBenchmarks
{
    private readonly byte[][] _replies = SeedLines.Replies;
    private readonly byte[][] _ehlo = SeedLines.EhloReply;

    /// <summary>Both parsers must read every line alike, or the comparison means nothing.</summary>
    [GlobalSetup]
    public void Validate()
    {
        if (SeedHandWritten() != SeedGenerated() || EhloHandWritten() != EhloGenerated())
        {
            throw new InvalidOperationException("The hand-written and generated reply parsers disagree on the benchmark's lines.");
        }
    }

    [Benchmark(Baseline = true, Description = "Seed replies, hand-written")]
    [BenchmarkCategory("Seed")]
    public int SeedHandWritten()
    {
        int sum = 0;
        foreach (byte[] line in _replies)
        {
            if (HandWrittenReplyParser.TryParse(line, out int code, out bool isLast, out _, out _, out _, out ReadOnlySpan<byte> text))
            {
                sum += code + text.Length + (isLast ? 1 : 0);
            }
        }

        return sum;
    }

    [Benchmark(Description = "Seed replies, generated")]
    [BenchmarkCategory("Seed")]
    public int SeedGenerated()
    {
        int sum = 0;
        foreach (byte[] line in _replies)
        {
            if (SmtpProtocol.TryParseReplyLine(line, out ReplyLine reply) == ReplyStatus.Ok)
            {
                sum += reply.Code.Value + reply.Text.Length + (reply.IsLast ? 1 : 0);
            }
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "EHLO multi-line, hand-written")]
    [BenchmarkCategory("Ehlo")]
    public int EhloHandWritten()
    {
        var accumulator = default(HandWrittenReplyAccumulator);
        int sum = 0;
        foreach (byte[] line in _ehlo)
        {
            if (accumulator.Add(line, out ReadOnlySpan<byte> text))
            {
                sum += text.Length;
            }
        }

        return sum + accumulator.Code + accumulator.LineCount;
    }

    [Benchmark(Description = "EHLO multi-line, generated")]
    [BenchmarkCategory("Ehlo")]
    public int EhloGenerated()
    {
        ReplyAccumulator accumulator = SmtpProtocol.CreateReplyAccumulator();
        int sum = 0;
        foreach (byte[] line in _ehlo)
        {
            if (accumulator.Add(line, out ReplyLine reply) == ReplyStatus.Ok)
            {
                sum += reply.Text.Length;
            }
        }

        return sum + accumulator.Code.Value + accumulator.LineCount;
    }
}
