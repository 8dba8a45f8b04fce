using System.Buffers;
using CsCheck;
using Verb = SmtpGen.Protocols.Tests.Pop3.Pop3Protocol.Verb;

namespace SmtpGen.Protocols.Tests.Pop3;

/// <summary>
/// <c>parse(write(x)) == x</c> for every POP3 command and reply, over arguments generated valid by construction
/// (RFC 1939: names and unique-ids printable characters without SP, passwords the rest of the line, message numbers
/// decimal).
/// </summary>
public class Pop3RoundTripTests
{
    /// <summary>VCHAR (RFC 5234 B.1): %x21–7E.</summary>
    private static readonly Gen<string> Printable = Gen.String[Gen.Char['!', '~'], 1, 70];

    private static readonly Gen<string> Atom = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 40];

    /// <summary>A password: printable ASCII and SP, not starting with SP (RFC 1939 §7 PASS takes the rest of the line).</summary>
    private static readonly Gen<string> Password =
        Gen.Select(Gen.Char['!', '~'], Gen.String[Gen.Char[' ', '~'], 0, 60]).Select((first, rest) => first + rest);

    private static readonly Gen<long> MessageNumber = Gen.Long[1, 999_999_999_999_999_999];

    [Fact]
    public void Authorization_commands_round_trip()
    {
        Gen.Select(Printable, Password, Gen.String[Gen.Char["0123456789abcdef"], 32, 32]).Sample((name, password, digest) =>
        {
            var output = new ArrayBufferWriter<byte>(); // CsCheck samples on several threads: one writer each
            Pop3Protocol.WriteUser(output, Lines.Raw(name));
            Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(output.WrittenSpan, out Pop3Protocol.Command user));
            Assert.Equal((Verb.User, name), (user.Verb, Lines.Text(user.Name)));

            output.ResetWrittenCount();
            Pop3Protocol.WritePass(output, Lines.Raw(password));
            Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(output.WrittenSpan, out Pop3Protocol.Command pass));
            Assert.Equal((Verb.Pass, password), (pass.Verb, Lines.Text(pass.Password)));

            output.ResetWrittenCount();
            Pop3Protocol.WriteApop(output, Lines.Raw(name), Lines.Raw(digest));
            Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(output.WrittenSpan, out Pop3Protocol.Command apop));
            Assert.Equal((Verb.Apop, name, digest), (apop.Verb, Lines.Text(apop.Name), Lines.Text(apop.Digest)));
        });
    }

    [Fact]
    public void Commands_on_a_message_round_trip()
    {
        Gen.Select(MessageNumber, Gen.Long[0, 999_999_999_999_999_999], Gen.Int[0, 4], Gen.Bool).Sample((message, lines, which, given) =>
        {
            var output = new ArrayBufferWriter<byte>();
            Verb verb = (Verb)new[] { (int)Verb.Retr, (int)Verb.Dele, (int)Verb.Top, (int)Verb.List, (int)Verb.Uidl }[which];
            bool hasMessage = given || verb is Verb.Retr or Verb.Dele or Verb.Top;
            switch (verb)
            {
                case Verb.Retr: Pop3Protocol.WriteRetr(output, message); break;
                case Verb.Dele: Pop3Protocol.WriteDele(output, message); break;
                case Verb.Top: Pop3Protocol.WriteTop(output, message, lines); break;
                case Verb.List: Pop3Protocol.WriteList(output, hasMessage ? message : null); break;
                default: Pop3Protocol.WriteUidl(output, hasMessage ? message : null); break;
            }

            Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(output.WrittenSpan, out Pop3Protocol.Command command));
            Assert.Equal(verb, command.Verb);
            Assert.Equal(hasMessage ? message : 0, command.Message);
            Assert.Equal(verb is Verb.Top ? lines : 0, command.Lines);
            Assert.Equal(verb is Verb.Retr or Verb.Top || !hasMessage, Pop3Protocol.HasResponseBody(command));
        });
    }

    [Theory]
    [InlineData(Verb.Capa)]
    [InlineData(Verb.Stat)]
    [InlineData(Verb.Noop)]
    [InlineData(Verb.Rset)]
    [InlineData(Verb.Quit)]
    public void Commands_without_arguments_round_trip(Verb verb)
    {
        var output = new ArrayBufferWriter<byte>();
        switch (verb)
        {
            case Verb.Capa: Pop3Protocol.WriteCapa(output); break;
            case Verb.Stat: Pop3Protocol.WriteStat(output); break;
            case Verb.Noop: Pop3Protocol.WriteNoop(output); break;
            case Verb.Rset: Pop3Protocol.WriteRset(output); break;
            default: Pop3Protocol.WriteQuit(output); break;
        }

        Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(output.WrittenSpan, out Pop3Protocol.Command command));
        Assert.Equal(verb, command.Verb);
    }

    [Fact]
    public void Every_fixed_reply_round_trips_with_its_outcome()
    {
        foreach (Pop3Protocol.Reply reply in Enum.GetValues<Pop3Protocol.Reply>())
        {
            if (reply is Pop3Protocol.Reply.Ready or Pop3Protocol.Reply.DropListing or Pop3Protocol.Reply.ScanListing
                or Pop3Protocol.Reply.ScanListings or Pop3Protocol.Reply.UniqueIdListing or Pop3Protocol.Reply.MessageFollows
                or Pop3Protocol.Reply.Deleted)
            {
                continue; // written by their own writers, below
            }

            ReadOnlySpan<byte> bytes = Pop3Protocol.GetReplyBytes(reply);
            Assert.Equal(ReplyStatus.Ok, Pop3Protocol.TryParseReplyLine(bytes, out StatusLine line));
            Assert.Equal(Pop3Protocol.GetReplyOutcome(reply), line.Outcome);
            Assert.Equal(Lines.Text(bytes[..^2]), Lines.Text(line.Line));
        }
    }

    [Fact]
    public void Replies_with_arguments_round_trip()
    {
        Gen.Select(Gen.Long[0, 999_999_999_999_999_999], Gen.Long[0, long.MaxValue], Printable, Atom).Sample((number, size, uniqueId, host) =>
        {
            var output = new ArrayBufferWriter<byte>();
            AssertReply(output, w => Pop3Protocol.WriteDropListingReply(w, number, size), $"{number} {size}");
            AssertReply(output, w => Pop3Protocol.WriteScanListingReply(w, number, size), $"{number} {size}");
            AssertReply(output, w => Pop3Protocol.WriteScanListingsReply(w, number), $"{number} messages");
            AssertReply(output, w => Pop3Protocol.WriteUniqueIdListingReply(w, number, Lines.Raw(uniqueId)), $"{number} {uniqueId}");
            AssertReply(output, w => Pop3Protocol.WriteMessageFollowsReply(w, size), $"{size} octets");
            AssertReply(output, w => Pop3Protocol.WriteDeletedReply(w, number), $"message {number} deleted");
            AssertReply(output, w => Pop3Protocol.WriteReadyReply(w, Lines.Raw($"<{number}.{host}@pop3.test>")), $"POP3 server ready <{number}.{host}@pop3.test>");
        });
    }

    private static void AssertReply(ArrayBufferWriter<byte> output, Action<IBufferWriter<byte>> write, string text)
    {
        output.ResetWrittenCount();
        write(output);
        Assert.Equal(ReplyStatus.Ok, Pop3Protocol.TryParseReplyLine(output.WrittenSpan, out StatusLine line));
        Assert.Equal(ReplyOutcome.Positive, line.Outcome);
        Assert.Equal("+OK", Lines.Text(line.Status));
        Assert.Equal(text, Lines.Text(line.Text));
    }
}
