using BenchmarkDotNet.Attributes;
using SmtpGen.Benchmarks.Baselines;
using SmtpGen.Protocols.Tests.Pop3;

namespace SmtpGen.Benchmarks;

/// <summary>
/// Parses the eight command lines of RFC 1939's example session (§10) with the hand-written POP3 floor and the
/// generated <c>Pop3Protocol.TryParseCommand</c>. Both hand out the verb and the arguments (names and digest as spans,
/// message numbers as integers); the results are summed and returned so that nothing is optimised away.
/// </summary>
[MemoryDiagnoser]
public class Pop3CommandParsingBenchmarks
{
    private readonly byte[][] _lines = Pop3SessionLines.Commands;

    /// <summary>Both parsers must read every line alike (the session's, and the other lines of the check), or the comparison means nothing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        foreach (byte[] line in _lines)
        {
            CommandAgreement.CheckPop3(line);
        }

        foreach (byte[] line in Pop3SessionLines.OtherCommands)
        {
            CommandAgreement.CheckPop3(line);
        }
    }

    [Benchmark(Baseline = true, Description = "Session commands, hand-written")]
    public long HandWritten()
    {
        long sum = 0;
        foreach (byte[] line in _lines)
        {
            HandStatus status = HandWrittenPop3CommandParser.TryParse(
                line, out HandPop3Verb verb, out ReadOnlySpan<byte> argument, out ReadOnlySpan<byte> digest, out long message, out long lines);
            sum += (int)status + (int)verb + argument.Length + digest.Length + message + lines;
        }

        return sum;
    }

    [Benchmark(Description = "Session commands, generated")]
    public long Generated()
    {
        long sum = 0;
        foreach (byte[] line in _lines)
        {
            CommandStatus status = Pop3Protocol.TryParseCommand(line, out Pop3Protocol.Command command);
            sum += (int)status + (int)command.Verb + command.Name.Length + command.Password.Length + command.Digest.Length
                + (command.HasMessage ? command.Message : -1) + command.Lines;
        }

        return sum;
    }
}
