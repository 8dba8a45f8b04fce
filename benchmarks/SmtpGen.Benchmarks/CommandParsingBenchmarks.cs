using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using SmtpGen.Benchmarks.Baselines;
using SmtpGen.Benchmarks.Peers;
using SmtpGen.Protocols.Tests.Xclient;
using SmtpGen.Smtp;

namespace SmtpGen.Benchmarks;

/// <summary>Which command lines one operation parses.</summary>
public enum CommandLines
{
    /// <summary>The seed conversation's five: HELO, MAIL, RCPT, DATA, QUIT.</summary>
    Seed,

    /// <summary>One RCPT with DSN parameters (<c>NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;...</c>).</summary>
    LongRcpt,

    /// <summary>One line with a verb none of the parsers knows (<c>XCLIENT ...</c>).</summary>
    UnknownVerb,
}

/// <summary>
/// Parses command lines with the generated parser, the hand-written floor, a naive string-based parser and SmtpServer
/// 11.1's <c>SmtpParser</c>. Every side parses the whole line and hands out the verb and the arguments; the results
/// are summed and returned so that nothing is optimised away.
/// </summary>
[MemoryDiagnoser]
public class CommandParsingBenchmarks
{
    private byte[][] _lines = [];
    private ReadOnlySequence<byte>[] _received = [];
    private readonly SmtpServerCommandParser _smtpServer = new();

    [Params(CommandLines.Seed, CommandLines.LongRcpt, CommandLines.UnknownVerb)]
    public CommandLines Lines { get; set; }

    /// <summary>All four parsers must agree on every line (accepted or not, and the argument), or the comparison means nothing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _lines = Lines switch
        {
            CommandLines.Seed => SeedLines.Commands,
            CommandLines.LongRcpt => [SeedLines.LongRcpt],
            _ => [SeedLines.UnknownVerb],
        };
        _received = _lines.Select(SmtpServerCommandParser.AsReceived).ToArray();
        for (int i = 0; i < _lines.Length; i++)
        {
            CommandAgreement.Check(_lines[i], _received[i], _smtpServer);
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written floor")]
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
            sum += (int)status + (int)command.Verb + command.Domain.Length + command.ReversePath.Length
                + command.ForwardPath.Length + command.Parameters.Raw.Length;
        }

        return sum;
    }

    /// <summary>
    /// The parser of a definition that extends SMTP (SMTP + XCLIENT, generated from the base's metadata): on SMTP's own
    /// lines it must cost what SMTP's does. (On the unknown-verb line it knows XCLIENT and parses its attributes.)
    /// </summary>
    [Benchmark(Description = "Generated, SMTP + XCLIENT")]
    public int GeneratedExtended()
    {
        int sum = 0;
        foreach (byte[] line in _lines)
        {
            CommandStatus status = XclientProtocol.TryParseCommand(line, out XclientProtocol.Command command);
            sum += (int)status + (int)command.Verb + command.Domain.Length + command.ReversePath.Length
                + command.ForwardPath.Length + command.Parameters.Raw.Length;
        }

        return sum;
    }

    [Benchmark(Description = "Naive strings")]
    public int Naive()
    {
        int sum = 0;
        foreach (byte[] line in _lines)
        {
            HandStatus status = NaiveCommandParser.TryParse(line, out NaiveCommand? command);
            sum += (int)status + (command is null ? 0
                : command.Verb.Length + (command.Argument?.Length ?? 0) + (command.Address?.Length ?? 0) + (command.Parameters?.Count ?? 0));
        }

        return sum;
    }

    [Benchmark(Description = "SmtpServer 11.1 SmtpParser")]
    public int SmtpServer()
    {
        int sum = 0;
        foreach (ReadOnlySequence<byte> line in _received)
        {
            sum += _smtpServer.ParseAndRead(line);
        }

        return sum;
    }
}
