using BenchmarkDotNet.Attributes;
using SmtpGen.Benchmarks.Baselines;
using SmtpGen.Smtp;

namespace SmtpGen.Benchmarks;

/// <summary>Parses the seed's five command lines: the generated parser against a hand-written one.</summary>
[MemoryDiagnoser]
public class CommandParsingBenchmarks
{
    private readonly byte[][] _lines = SeedLines.Commands;

    /// <summary>Both parsers must accept every line as the same verb with the same argument, or the comparison means nothing.</summary>
    [GlobalSetup]
    public void Validate()
    {
        foreach (byte[] line in _lines)
        {
            HandStatus hand = HandWrittenCommandParser.TryParse(line, out HandVerb handVerb, out ReadOnlySpan<byte> path, out _);
            CommandStatus generated = SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command);
            ReadOnlySpan<byte> argument = command.Verb switch
            {
                SmtpProtocol.Verb.Helo or SmtpProtocol.Verb.Ehlo => command.Domain,
                SmtpProtocol.Verb.Mail => command.ReversePath,
                SmtpProtocol.Verb.Rcpt => command.ForwardPath,
                _ => default,
            };

            // The hand-written parser keeps the brackets of a path; the generated one hands out the mailbox.
            if (path.Length > 1 && path[0] == '<')
            {
                path = path[1..^1];
            }

            if (hand != HandStatus.Ok || generated != CommandStatus.Ok
                || handVerb.ToString() != command.Verb.ToString() || !path.SequenceEqual(argument))
            {
                throw new InvalidOperationException($"Parsers disagree on {System.Text.Encoding.ASCII.GetString(line).TrimEnd()}: {hand}/{handVerb} vs {generated}/{command.Verb}");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written")]
    public int HandWritten()
    {
        int sum = 0;
        foreach (byte[] line in _lines)
        {
            HandStatus status = HandWrittenCommandParser.TryParse(line, out HandVerb verb, out ReadOnlySpan<byte> path, out ReadOnlySpan<byte> parameters);
            sum += (int)status + (int)verb + path.Length + parameters.Length;
        }

        return sum;
    }

    [Benchmark(Description = "Generated")]
    public int Generated()
    {
        int sum = 0;
        foreach (byte[] line in _lines)
        {
            CommandStatus status = SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command);
            sum += (int)status + (int)command.Verb + command.Line.Length;
        }

        return sum;
    }
}
