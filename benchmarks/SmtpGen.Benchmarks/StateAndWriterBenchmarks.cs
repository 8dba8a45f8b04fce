using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SmtpGen.Smtp;

namespace SmtpGen.Benchmarks;

/// <summary>
/// The generated state table over the seed's walk, and the generated writers against the floor for writing: a copy of
/// the same lines, preformatted. Writers write into one reused <see cref="ArrayBufferWriter{T}"/>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StateAndWriterBenchmarks
{
    /// <summary>The seed conversation: each command, and the reply code that answers it (DATA twice: 354, then 250).</summary>
    private readonly (SmtpProtocol.Verb Verb, int Code)[] _seedWalk =
    [
        (SmtpProtocol.Verb.Helo, 250),
        (SmtpProtocol.Verb.Mail, 250),
        (SmtpProtocol.Verb.Rcpt, 250),
        (SmtpProtocol.Verb.Data, 354),
        (SmtpProtocol.Verb.Data, 250),
        (SmtpProtocol.Verb.Quit, 221),
    ];

    /// <summary>The seed's fixed replies before the end of the data; the reply to it names the message's id, then 221.</summary>
    private static readonly SmtpProtocol.Reply[] SeedReplies =
    [
        SmtpProtocol.Reply.SenderOk,
        SmtpProtocol.Reply.RecipientOk,
        SmtpProtocol.Reply.StartMailInput,
    ];

    /// <summary>A Maildir store's id, as the 250 to the end of the data carries it.</summary>
    private static ReadOnlySpan<byte> QueueId => "1713261600.M123456P4242Q1R1a2b3.mail.example.com"u8;

    /// <summary>A sender of the length an organisation's addresses often have, longer than the seed's (15 and 17 octets).</summary>
    private static ReadOnlySpan<byte> LongMailbox => "first.last@engineering.department.example.com"u8;

    private static readonly byte[] LongMailLine = [.. "MAIL FROM:<"u8, .. LongMailbox, .. ">\r\n"u8];

    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly byte[][] _commandLines = [.. SeedLines.Commands, SeedLines.LongRcpt];
    private byte[][] _replyLines = [];
    private readonly byte[] _dsn = "NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.com"u8.ToArray();

    [GlobalSetup]
    public void Setup()
    {
        _replyLines =
        [
            .. SeedReplies.Select(r => SmtpProtocol.GetReplyBytes(r, enhancedStatusCode: true).ToArray()),
            [.. "250 2.0.0 OK: queued as "u8, .. QueueId, .. "\r\n"u8],
            SmtpProtocol.GetReplyBytes(SmtpProtocol.Reply.Closing, enhancedStatusCode: true).ToArray(),
        ];
        WriteReplies();
        if (!_output.WrittenSpan.SequenceEqual(_replyLines.SelectMany(l => l).ToArray()))
        {
            throw new InvalidOperationException("The generated reply writers do not write the seed's replies.");
        }

        // The writers must write exactly the lines the floor copies, or the comparison means nothing.
        WriteCommands();
        byte[] expected = _commandLines.SelectMany(l => l).ToArray();
        if (!_output.WrittenSpan.SequenceEqual(expected))
        {
            throw new InvalidOperationException("The generated writers do not write the seed's command lines.");
        }

        WriteRecipient();
        if (!_output.WrittenSpan.SequenceEqual(SeedLines.LongRcpt))
        {
            throw new InvalidOperationException("The generated writer does not write the long RCPT line.");
        }

        WriteLongMailbox();
        if (!_output.WrittenSpan.SequenceEqual(LongMailLine))
        {
            throw new InvalidOperationException("The generated writer does not write the long MAIL line.");
        }

        AssembleCommands();
        if (!_output.WrittenSpan.SequenceEqual(expected))
        {
            throw new InvalidOperationException("The assembled lines are not the seed's command lines.");
        }

        if (StateWalk() != (int)SmtpProtocol.State.Closed + _seedWalk.Length)
        {
            throw new InvalidOperationException("The seed's walk does not end in Closed with every command allowed.");
        }
    }

    [Benchmark(Description = "IsAllowed + Next over the seed's walk")]
    [BenchmarkCategory("State")]
    public int StateWalk()
    {
        SmtpProtocol.State state = SmtpProtocol.InitialState;
        int allowed = 0;
        foreach ((SmtpProtocol.Verb verb, int code) in _seedWalk)
        {
            // The end of the data is not a command: only its reply moves the session on.
            if (state == SmtpProtocol.State.Data || SmtpProtocol.IsAllowed(state, verb))
            {
                allowed++;
            }

            state = SmtpProtocol.Next(state, verb, code);
        }

        return (int)state + allowed;
    }

    [Benchmark(Baseline = true, Description = "Commands, copy preformatted (floor)")]
    [BenchmarkCategory("Commands")]
    public int CopyCommands()
    {
        _output.ResetWrittenCount();
        foreach (byte[] line in _commandLines)
        {
            _output.Write(line);
        }

        return _output.WrittenCount;
    }

    [Benchmark(Description = "Commands, generated writers")]
    [BenchmarkCategory("Commands")]
    public int WriteCommands()
    {
        _output.ResetWrittenCount();
        SmtpProtocol.WriteHelo(_output, "client.example.com"u8);
        SmtpProtocol.WriteMail(_output, "alice@example.com"u8);
        SmtpProtocol.WriteRcpt(_output, "bob@example.com"u8);
        SmtpProtocol.WriteData(_output);
        SmtpProtocol.WriteQuit(_output);
        // The parameters are a non-allocating view (a ref struct), made where they are written, as a client does.
        if (EsmtpParameters.TryCreate(_dsn, out EsmtpParameters dsn))
        {
            SmtpProtocol.WriteRcpt(_output, "bob@example.com"u8, dsn);
        }

        return _output.WrittenCount;
    }

    /// <summary>
    /// The same lines assembled as the generated writers assemble them (<see cref="CommandLineBuilder"/> in the span
    /// <c>GetSpan</c> lends), from the verbs and the arguments already in their wire form, with no check of any kind:
    /// what building a line from its parts costs before a single argument is checked.
    /// </summary>
    [Benchmark(Description = "Commands, assembled unchecked")]
    [BenchmarkCategory("Commands")]
    public int AssembleCommands()
    {
        _output.ResetWrittenCount();
        Assemble(_output, "HELO "u8, "client.example.com"u8, default);
        Assemble(_output, "MAIL FROM:"u8, "<alice@example.com>"u8, default);
        Assemble(_output, "RCPT TO:"u8, "<bob@example.com>"u8, default);
        Assemble(_output, "DATA"u8, default, default);
        Assemble(_output, "QUIT"u8, default, default);
        Assemble(_output, "RCPT TO:"u8, "<bob@example.com>"u8, _dsn);
        return _output.WrittenCount;
    }

    [Benchmark(Baseline = true, Description = "One RCPT with parameters, copy preformatted (floor)")]
    [BenchmarkCategory("Recipient")]
    public int CopyRecipient()
    {
        _output.ResetWrittenCount();
        _output.Write(SeedLines.LongRcpt);
        return _output.WrittenCount;
    }

    /// <summary>
    /// The last of the six lines on its own, in a method small enough for the JIT to inline the whole writer into,
    /// as a client's method that writes one recipient may be.
    /// </summary>
    [Benchmark(Description = "One RCPT with parameters, generated writer")]
    [BenchmarkCategory("Recipient")]
    public int WriteRecipient()
    {
        _output.ResetWrittenCount();
        if (EsmtpParameters.TryCreate(_dsn, out EsmtpParameters dsn))
        {
            SmtpProtocol.WriteRcpt(_output, "bob@example.com"u8, dsn);
        }

        return _output.WrittenCount;
    }

    [Benchmark(Baseline = true, Description = "One MAIL of a 45-octet mailbox, copy preformatted (floor)")]
    [BenchmarkCategory("LongMailbox")]
    public int CopyLongMailbox()
    {
        _output.ResetWrittenCount();
        _output.Write(LongMailLine);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "One MAIL of a 45-octet mailbox, generated writer")]
    [BenchmarkCategory("LongMailbox")]
    public int WriteLongMailbox()
    {
        _output.ResetWrittenCount();
        SmtpProtocol.WriteMail(_output, LongMailbox);
        return _output.WrittenCount;
    }

    [Benchmark(Baseline = true, Description = "Replies, copy preformatted (floor)")]
    [BenchmarkCategory("Replies")]
    public int CopyReplies()
    {
        _output.ResetWrittenCount();
        foreach (byte[] line in _replyLines)
        {
            _output.Write(line);
        }

        return _output.WrittenCount;
    }

    [Benchmark(Description = "Replies, generated WriteReply")]
    [BenchmarkCategory("Replies")]
    public int WriteReplies()
    {
        _output.ResetWrittenCount();
        foreach (SmtpProtocol.Reply reply in SeedReplies)
        {
            SmtpProtocol.WriteReply(_output, reply, enhancedStatusCode: true);
        }

        SmtpProtocol.WriteMessageAcceptedReply(_output, QueueId, enhancedStatusCode: true);
        SmtpProtocol.WriteReply(_output, SmtpProtocol.Reply.Closing, enhancedStatusCode: true);
        return _output.WrittenCount;
    }

    /// <summary>One line as a generated writer builds it, its argument and parameters taken as they are.</summary>
    private static void Assemble(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> verb, ReadOnlySpan<byte> argument, ReadOnlySpan<byte> parameters)
    {
        CommandLineBuilder line = new(output.GetSpan(SmtpProtocol.MaxCommandLine), SmtpProtocol.MaxCommandLine);
        line.Append(verb);
        line.Append(argument);
        if (!parameters.IsEmpty)
        {
            line.Append(" "u8);
            line.Append(parameters);
        }

        line.Append("\r\n"u8);
        output.Advance(line.Length);
    }
}
