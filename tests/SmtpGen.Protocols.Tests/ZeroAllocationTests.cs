using System.Buffers;
using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests;

/// <summary>Parsing and writing the seed conversation allocates nothing once warm.</summary>
public class ZeroAllocationTests
{
    private static readonly byte[][] SeedCommands =
    [
        Lines.Crlf("HELO client.example.com"),
        Lines.Crlf("MAIL FROM:<alice@example.com>"),
        Lines.Crlf("RCPT TO:<bob@example.com>"),
        Lines.Crlf("DATA"),
        Lines.Crlf("QUIT"),
    ];

    private static readonly byte[][] SeedReplies =
    [
        Lines.Crlf("220 mail.example.com Service ready"),
        Lines.Crlf("250 Hello client.example.com"),
        Lines.Crlf("250 OK"),
        Lines.Crlf("354 Start mail input; end with <CRLF>.<CRLF>"),
        Lines.Crlf("250 OK: Message accepted"),
        Lines.Crlf("221 Bye"),
    ];

    private static readonly byte[][] EhloReply =
    [
        Lines.Crlf("250-mail.example.com Hello client.example.com"),
        Lines.Crlf("250-SIZE 35882577"),
        Lines.Crlf("250-8BITMIME"),
        Lines.Crlf("250 HELP"),
    ];

    [Fact]
    public void Parsing_seed_commands_allocates_nothing()
    {
        int parsed = 0;
        long allocated = Allocations.Measure(() =>
        {
            foreach (byte[] line in SeedCommands)
            {
                if (SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command) == CommandStatus.Ok)
                {
                    parsed += command.Line.Length > 0 ? 1 : 0;
                }
            }
        });

        Assert.Equal(1001 * SeedCommands.Length, parsed);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parsing_parameters_and_enumerating_them_allocates_nothing()
    {
        byte[] line = Lines.Crlf("MAIL FROM:<alice@example.com> SIZE=1000 BODY=8BITMIME SMTPUTF8");
        int count = 0;
        long allocated = Allocations.Measure(() =>
        {
            if (SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command) == CommandStatus.Ok)
            {
                foreach (EsmtpParameter parameter in command.Parameters)
                {
                    count += parameter.Keyword.Length > 0 ? 1 : 0;
                }

                count += command.Parameters.TryGetValue("size"u8, out _) ? 1 : 0;
            }
        });

        Assert.Equal(1001 * 4, count);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parsing_seed_replies_and_a_multi_line_reply_allocates_nothing()
    {
        int parsed = 0;
        long allocated = Allocations.Measure(() =>
        {
            foreach (byte[] line in SeedReplies)
            {
                if (SmtpProtocol.TryParseReplyLine(line, out ReplyLine reply) == ReplyStatus.Ok)
                {
                    parsed += reply.Code.Value > 0 ? 1 : 0;
                }
            }

            ReplyAccumulator accumulator = SmtpProtocol.CreateReplyAccumulator();
            foreach (byte[] line in EhloReply)
            {
                parsed += accumulator.Add(line, out _) == ReplyStatus.Ok ? 1 : 0;
            }
        });

        Assert.Equal(1001 * (SeedReplies.Length + EhloReply.Length), parsed);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Writing_seed_commands_and_replies_allocates_nothing()
    {
        var output = new ArrayBufferWriter<byte>(4096);
        long allocated = Allocations.Measure(() =>
        {
            output.ResetWrittenCount();
            SmtpProtocol.WriteHelo(output, "client.example.com"u8);
            SmtpProtocol.WriteMail(output, "alice@example.com"u8);
            SmtpProtocol.WriteRcpt(output, "bob@example.com"u8);
            SmtpProtocol.WriteData(output);
            SmtpProtocol.WriteQuit(output);
            SmtpProtocol.WriteServiceReadyReply(output, "mail.example.com"u8);
            SmtpProtocol.WriteReply(output, SmtpProtocol.Reply.Ok, enhancedStatusCode: true);
            SmtpProtocol.WriteReply(output, SmtpProtocol.Reply.StartMailInput, enhancedStatusCode: true);
            SmtpProtocol.WriteMessageAcceptedReply(output, "1713261600.M1P2Q3.mail.example.com"u8, enhancedStatusCode: true);
            SmtpProtocol.WriteReply(output, SmtpProtocol.Reply.Closing, enhancedStatusCode: true);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(
            "HELO client.example.com\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nQUIT\r\n"
            + "220 mail.example.com Service ready\r\n250 2.0.0 OK\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n"
            + "250 2.0.0 OK: queued as 1713261600.M1P2Q3.mail.example.com\r\n221 2.0.0 Bye\r\n",
            Lines.Text(output.WrittenSpan));
    }

    [Fact]
    public void Writing_mail_with_parameters_allocates_nothing()
    {
        var output = new ArrayBufferWriter<byte>(4096);
        long allocated = Allocations.Measure(() =>
        {
            output.ResetWrittenCount();
            Assert.True(EsmtpParameters.TryCreate("SIZE=1000 BODY=8BITMIME"u8, out EsmtpParameters parameters));
            SmtpProtocol.WriteMail(output, "alice@example.com"u8, parameters);
            SmtpProtocol.WriteRcpt(output, "Postmaster"u8);
        });

        Assert.Equal(0, allocated);
        Assert.Equal("MAIL FROM:<alice@example.com> SIZE=1000 BODY=8BITMIME\r\nRCPT TO:<Postmaster>\r\n", Lines.Text(output.WrittenSpan));
    }
}
