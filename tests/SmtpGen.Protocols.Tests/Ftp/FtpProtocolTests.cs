using System.Buffers;
using CsCheck;
using State = SmtpGen.Protocols.Tests.Ftp.FtpProtocol.State;
using Verb = SmtpGen.Protocols.Tests.Ftp.FtpProtocol.Verb;

namespace SmtpGen.Protocols.Tests.Ftp;

/// <summary>
/// The generator on a second protocol: an FTP control-channel subset (RFC 959) defined in this test project
/// gets a command parser, writers, a reply parser with 1yz replies and §4.2 multi-line replies, and a state machine.
/// </summary>
public class FtpProtocolTests
{
    [Theory]
    [InlineData("USER anonymous", Verb.User)]
    [InlineData("PASS guest@example.com", Verb.Pass)]
    [InlineData("CWD /pub/my files", Verb.Cwd)]
    [InlineData("PWD", Verb.Pwd)]
    [InlineData("TYPE I", Verb.Type)]
    [InlineData("TYPE A N", Verb.Type)]
    [InlineData("PASV", Verb.Pasv)]
    [InlineData("LIST", Verb.List)]
    [InlineData("LIST /pub", Verb.List)]
    [InlineData("RETR readme.txt", Verb.Retr)]
    [InlineData("STOR upload.bin", Verb.Stor)]
    [InlineData("QUIT", Verb.Quit)]
    [InlineData("user anonymous", Verb.User)]
    [InlineData("rEtR readme.txt", Verb.Retr)]
    public void Commands_parse_to_their_verb(string line, Verb verb)
    {
        Assert.Equal(CommandStatus.Ok, FtpProtocol.TryParseCommand(Lines.Crlf(line), out FtpProtocol.Command command));
        Assert.Equal(verb, command.Verb);
        Assert.Equal(line, Lines.Text(command.Line));
    }

    [Fact]
    public void Arguments_are_captured()
    {
        Assert.Equal(CommandStatus.Ok, FtpProtocol.TryParseCommand(Lines.Crlf("USER anonymous"), out FtpProtocol.Command user));
        Assert.Equal("anonymous", Lines.Text(user.Username));

        Assert.Equal(CommandStatus.Ok, FtpProtocol.TryParseCommand(Lines.Crlf("CWD /pub/my files"), out FtpProtocol.Command cwd));
        Assert.Equal("/pub/my files", Lines.Text(cwd.Path));

        Assert.Equal(CommandStatus.Ok, FtpProtocol.TryParseCommand(Lines.Crlf("TYPE A N"), out FtpProtocol.Command typeAn));
        Assert.Equal("A", Lines.Text(typeAn.TypeCode));
        Assert.True(typeAn.HasFormCode);
        Assert.Equal("N", Lines.Text(typeAn.FormCode));

        Assert.Equal(CommandStatus.Ok, FtpProtocol.TryParseCommand(Lines.Crlf("TYPE I"), out FtpProtocol.Command typeI));
        Assert.Equal("I", Lines.Text(typeI.TypeCode));
        Assert.False(typeI.HasFormCode);

        Assert.Equal(CommandStatus.Ok, FtpProtocol.TryParseCommand(Lines.Crlf("LIST"), out FtpProtocol.Command list));
        Assert.False(list.HasPath);

        Assert.Equal(CommandStatus.Ok, FtpProtocol.TryParseCommand(Lines.Crlf("LIST /pub"), out FtpProtocol.Command listPub));
        Assert.True(listPub.HasPath);
        Assert.Equal("/pub", Lines.Text(listPub.Path));
    }

    [Theory]
    [InlineData("MAIL FROM:<a@b>", CommandStatus.UnknownVerb)] // SMTP is not FTP
    [InlineData("EHLO example.com", CommandStatus.UnknownVerb)]
    [InlineData("USER", CommandStatus.SyntaxError)]
    [InlineData("PWD /x", CommandStatus.SyntaxError)]
    [InlineData("TYPE", CommandStatus.SyntaxError)]
    [InlineData("QUIT now", CommandStatus.SyntaxError)]
    public void Foreign_or_malformed_commands_are_refused(string line, CommandStatus expected)
    {
        Assert.Equal(expected, FtpProtocol.TryParseCommand(Lines.Crlf(line), out _));
    }

    [Fact]
    public void Smtp_does_not_know_ftp_verbs()
    {
        Assert.Equal(CommandStatus.UnknownVerb, SmtpGen.Smtp.SmtpProtocol.TryParseCommand(Lines.Crlf("USER anonymous"), out _));
        Assert.Equal(CommandStatus.UnknownVerb, SmtpGen.Smtp.SmtpProtocol.TryParseCommand(Lines.Crlf("RETR x"), out _));
    }

    /// <summary>RFC 959 §5.3.2 &lt;string&gt;: any ASCII but CR and LF; kept to printable text without leading/trailing SP here.</summary>
    private static readonly Gen<string> Path =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-~"].Array[1, 20]
            .Select(Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789/._- "].Array[0, 20])
            .Select((head, tail) => new string(head) + new string(tail).TrimEnd());

    private static readonly Gen<string> TypeCode = Gen.OneOfConst("A", "E", "I", "L");

    [Fact]
    public void Writers_round_trip()
    {
        Gen.Select(Path, Path, TypeCode, Gen.OneOfConst("", "N", "T", "C")).Sample((path, password, typeCode, formCode) =>
        {
            Check(o => FtpProtocol.WriteUser(o, Lines.Raw(path)), Verb.User, c => Assert.Equal(path, Lines.Text(c.Username)));
            Check(o => FtpProtocol.WritePass(o, Lines.Raw(password)), Verb.Pass, c => Assert.Equal(password, Lines.Text(c.Password)));
            Check(o => FtpProtocol.WriteCwd(o, Lines.Raw(path)), Verb.Cwd, c => Assert.Equal(path, Lines.Text(c.Path)));
            Check(o => FtpProtocol.WriteRetr(o, Lines.Raw(path)), Verb.Retr, c => Assert.Equal(path, Lines.Text(c.Path)));
            Check(o => FtpProtocol.WriteStor(o, Lines.Raw(path)), Verb.Stor, c => Assert.Equal(path, Lines.Text(c.Path)));
            Check(o => FtpProtocol.WriteList(o, Lines.Raw(path)), Verb.List, c =>
            {
                Assert.True(c.HasPath);
                Assert.Equal(path, Lines.Text(c.Path));
            });
            Check(o => FtpProtocol.WriteType(o, Lines.Raw(typeCode), Lines.Raw(formCode)), Verb.Type, c =>
            {
                Assert.Equal(typeCode, Lines.Text(c.TypeCode));
                Assert.Equal(formCode.Length > 0, c.HasFormCode);
                Assert.Equal(formCode, Lines.Text(c.FormCode));
            });
        });

        Check(o => FtpProtocol.WriteList(o), Verb.List, c => Assert.False(c.HasPath));
        Check(o => FtpProtocol.WritePwd(o), Verb.Pwd, _ => { });
        Check(o => FtpProtocol.WritePasv(o), Verb.Pasv, _ => { });
        Check(o => FtpProtocol.WriteQuit(o), Verb.Quit, _ => { });

        static void Check(Action<ArrayBufferWriter<byte>> write, Verb verb, CommandAssertion assert)
        {
            var output = new ArrayBufferWriter<byte>(); // CsCheck samples on several threads: one writer each
            write(output);
            Assert.Equal(CommandStatus.Ok, FtpProtocol.TryParseCommand(output.WrittenSpan, out FtpProtocol.Command command));
            Assert.Equal(verb, command.Verb);
            assert(command);
        }
    }

    private delegate void CommandAssertion(FtpProtocol.Command command);

    [Theory]
    [InlineData("150 File status okay; about to open data connection.", 150, ReplyOutcome.Intermediate)]
    [InlineData("125 Data connection already open; transfer starting.", 125, ReplyOutcome.Intermediate)]
    [InlineData("120 Service ready in 5 minutes.", 120, ReplyOutcome.Intermediate)]
    [InlineData("226 Closing data connection.", 226, ReplyOutcome.Positive)]
    public void Preliminary_and_completion_replies_parse(string line, int code, ReplyOutcome outcome)
    {
        Assert.Equal(ReplyStatus.Ok, FtpProtocol.TryParseReplyLine(Lines.Crlf(line), out ReplyLine reply));
        Assert.Equal(code, reply.Code.Value);
        Assert.Equal(outcome, FtpProtocol.GetReplyOutcome(reply.Code)); // preliminary: another reply follows
        Assert.Equal(line[4..], Lines.Text(reply.Text));
        Assert.True(reply.EnhancedStatusCode.IsEmpty);
    }

    [Fact]
    public void Multi_line_reply_of_rfc959_section_4_2_accumulates_with_free_text_middle_lines()
    {
        // RFC 959 §4.2's example, verbatim.
        string[] lines = ["123-First line", "Second line", "  234 A line beginning with numbers", "123 The last line"];
        ReplyAccumulator accumulator = FtpProtocol.CreateReplyAccumulator();
        var texts = new List<string>();
        foreach (string line in lines)
        {
            Assert.False(accumulator.IsComplete, line);
            Assert.Equal(ReplyStatus.Ok, accumulator.Add(Lines.Crlf(line), out ReplyLine parsed));
            Assert.Equal(123, parsed.Code.Value);
            texts.Add(Lines.Text(parsed.Text));
        }

        Assert.True(accumulator.IsComplete);
        Assert.Equal(123, accumulator.Code.Value);
        Assert.Equal(4, accumulator.LineCount);
        Assert.Equal("First line", texts[0]);
        Assert.Equal("Second line", texts[1]);
        Assert.Equal("  234 A line beginning with numbers", texts[2]);
        Assert.Equal("The last line", texts[3]);
    }

    [Fact]
    public void Multi_line_reply_middle_line_with_the_code_and_a_hyphen_does_not_end_it()
    {
        ReplyAccumulator accumulator = FtpProtocol.CreateReplyAccumulator();
        Assert.Equal(ReplyStatus.Ok, accumulator.Add(Lines.Crlf("211-Features:"), out _));
        Assert.Equal(ReplyStatus.Ok, accumulator.Add(Lines.Crlf("211-still going"), out _));
        Assert.False(accumulator.IsComplete);
        Assert.Equal(ReplyStatus.Ok, accumulator.Add(Lines.Crlf("211 End"), out _));
        Assert.True(accumulator.IsComplete);
        Assert.Equal(3, accumulator.LineCount);
    }

    [Fact]
    public void Every_fixed_reply_reads_back()
    {
        foreach (FtpProtocol.Reply member in Enum.GetValues<FtpProtocol.Reply>().Where(FtpProtocol.IsFixedReply))
        {
            Assert.Equal(ReplyStatus.Ok, FtpProtocol.TryParseReplyLine(FtpProtocol.GetReplyBytes(member), out ReplyLine reply));
            Assert.Equal(FtpProtocol.GetReplyCode(member), reply.Code.Value);
        }

        Assert.Equal("257 \"/home/alice\" is the current directory.\r\n", Lines.Text(FtpProtocol.GetReplyBytes(FtpProtocol.Reply.PathName)));
    }

    [Fact]
    public void State_machine_walks_login_retrieve_and_quit()
    {
        (Verb Verb, int Code, State After)[] exchange =
        [
            (Verb.User, 331, State.NeedPassword),
            (Verb.Pass, 230, State.LoggedIn),
            (Verb.Retr, 150, State.Transferring),
            (Verb.Retr, 226, State.LoggedIn),
            (Verb.Quit, 221, State.Closed),
        ];

        State state = FtpProtocol.InitialState;
        Assert.Equal(State.Connected, state);
        foreach ((Verb verb, int code, State after) in exchange)
        {
            if (state != State.Transferring)
            {
                Assert.True(FtpProtocol.IsAllowed(state, verb), $"{verb} in {state}");
            }

            state = FtpProtocol.Next(state, verb, code);
            Assert.Equal(after, state);
        }
    }

    [Theory]
    [InlineData(State.Connected, Verb.Pass)] // PASS before USER: 503
    [InlineData(State.Connected, Verb.Retr)] // not logged in: a server says 530
    [InlineData(State.NeedPassword, Verb.List)]
    [InlineData(State.Transferring, Verb.Pwd)]
    [InlineData(State.Closed, Verb.User)]
    public void Out_of_sequence_commands_are_not_allowed(State state, Verb verb)
    {
        Assert.False(FtpProtocol.IsAllowed(state, verb));
        Assert.Equal(state, FtpProtocol.Next(state, verb, 503));
    }

    [Theory]
    [InlineData(Verb.Retr)]
    [InlineData(Verb.Stor)]
    [InlineData(Verb.List)]
    [InlineData(Verb.User)]
    public void One_transfer_at_a_time(Verb verb)
    {
        // RFC 959 §4.2: after a 1yz reply the client waits for the completion reply before a new command.
        Assert.False(FtpProtocol.IsAllowed(State.Transferring, verb));
    }

    [Fact]
    public void User_answered_230_logs_in_directly_and_failed_transfers_stay_logged_in()
    {
        Assert.Equal(State.LoggedIn, FtpProtocol.Next(State.Connected, Verb.User, 230));
        Assert.Equal(State.NeedPassword, FtpProtocol.Next(State.NeedPassword, Verb.Pass, 530));
        Assert.Equal(State.LoggedIn, FtpProtocol.Next(State.LoggedIn, Verb.Retr, 550));
        Assert.Equal(State.LoggedIn, FtpProtocol.Next(State.Transferring, Verb.Retr, 426));
        Assert.Equal(State.LoggedIn, FtpProtocol.Next(State.Transferring, Verb.List, 226));
    }

    [Fact]
    public void User_refused_while_waiting_for_the_password_does_not_log_in()
    {
        Assert.NotEqual(State.LoggedIn, FtpProtocol.Next(State.NeedPassword, Verb.User, 530));
    }

    [Fact]
    public void A_reply_reader_reads_a_line_with_its_code_not_the_free_text_between()
    {
        // RFC 959 §4.2: the lines between the first and the last of a multi-line reply are free text, whatever they hold.
        ReplyAccumulator accumulator = FtpProtocol.CreateReplyAccumulator();
        bool[] read = new bool[3];
        string[] lines = ["213-File status", "1234", "213 1234"];
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.Equal(ReplyStatus.Ok, accumulator.Add(Lines.Crlf(lines[i]), out ReplyLine parsed));
            read[i] = FtpProtocol.TryReadFileSizeReply(parsed, out long size) && size == 1234;
        }

        Assert.Equal([false, false, true], read);
    }
}
