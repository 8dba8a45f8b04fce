using System.Buffers;
using SmtpGen.Protocols.Tests.Pop3;
using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests;

/// <summary>The generated readers of replies with arguments (<c>TryRead{Member}Reply</c>): the client's side of the reply writers.</summary>
public class SmtpReplyReaderTests
{
    [Theory]
    [InlineData("250 2.0.0 OK: queued as 4Xyz9\r\n", "4Xyz9")]
    [InlineData("250 2.0.0 Ok: queued as 4Xyz9\r\n", "4Xyz9")] // Postfix's capitals
    [InlineData("250 OK: queued as <id@example.com>\r\n", "<id@example.com>")]
    public void The_message_id_is_read_from_the_reply_to_the_end_of_the_data(string line, string id)
    {
        Assert.Equal(ReplyStatus.Ok, SmtpProtocol.TryParseReplyLine(Lines.Raw(line), out ReplyLine reply));
        Assert.True(SmtpProtocol.TryReadMessageAcceptedReply(reply, out ReadOnlySpan<byte> read));
        Assert.Equal(id, Lines.Text(read));
    }

    [Theory]
    [InlineData("250 2.0.0 OK\r\n")] // the fixed 250: no id
    [InlineData("251 OK: queued as 4Xyz9\r\n")] // another code
    [InlineData("250 OK: queued as \r\n")] // an empty id
    [InlineData("250 OK: queued as 4Xyz9 and more\r\n")] // more than the template
    public void Another_reply_or_another_text_is_not_read(string line)
    {
        Assert.Equal(ReplyStatus.Ok, SmtpProtocol.TryParseReplyLine(Lines.Raw(line), out ReplyLine reply));
        Assert.False(SmtpProtocol.TryReadMessageAcceptedReply(reply, out ReadOnlySpan<byte> id));
        Assert.True(id.IsEmpty);
    }

    [Fact]
    public void Every_reply_with_arguments_reads_back_what_its_writer_wrote()
    {
        var output = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteServiceReadyReply(output, "mail.example.com"u8);
        SmtpProtocol.WriteHelloReply(output, "mail.example.com"u8, "[192.0.2.7]"u8, more: true);
        SmtpProtocol.WriteAuthenticationChallengeReply(output, "VXNlcm5hbWU6"u8);
        SmtpProtocol.WriteChunkReceivedReply(output, 1024, enhancedStatusCode: true);
        SmtpProtocol.WriteParameterNotRecognizedReply(output, "XFOO"u8, enhancedStatusCode: true);

        ReadOnlySpan<byte> written = output.WrittenSpan;
        Assert.True(SmtpProtocol.TryReadServiceReadyReply(Next(ref written), out ReadOnlySpan<byte> domain));
        Assert.True(SmtpProtocol.TryReadHelloReply(Next(ref written), out ReadOnlySpan<byte> server, out ReadOnlySpan<byte> client));
        Assert.True(SmtpProtocol.TryReadAuthenticationChallengeReply(Next(ref written), out ReadOnlySpan<byte> challenge));
        Assert.True(SmtpProtocol.TryReadChunkReceivedReply(Next(ref written), out long octets));
        Assert.True(SmtpProtocol.TryReadParameterNotRecognizedReply(Next(ref written), out ReadOnlySpan<byte> keyword));

        Assert.Equal("mail.example.com", Lines.Text(domain));
        Assert.Equal(("mail.example.com", "[192.0.2.7]"), (Lines.Text(server), Lines.Text(client)));
        Assert.Equal("VXNlcm5hbWU6", Lines.Text(challenge));
        Assert.Equal(1024, octets);
        Assert.Equal("XFOO", Lines.Text(keyword));
    }

    [Theory]
    [InlineData("+OK 2 320\r\n", true, 2, 320)]
    [InlineData("+ok 2 320\r\n", true, 2, 320)]
    [InlineData("-ERR 2 320\r\n", false, 0, 0)]
    [InlineData("+OK two 320\r\n", false, 0, 0)]
    public void A_status_reply_with_arguments_is_read_by_its_token_and_template(string line, bool read, long count, long size)
    {
        Assert.Equal(ReplyStatus.Ok, Pop3Protocol.TryParseReplyLine(Lines.Raw(line), out StatusLine reply));
        Assert.Equal(read, Pop3Protocol.TryReadDropListingReply(reply, out long readCount, out long readSize));
        Assert.Equal((count, size), (readCount, readSize));
    }

    [Fact]
    public void Reading_a_reply_allocates_nothing()
    {
        byte[] line = Lines.Raw("250 2.0.0 Ok: queued as 4Xyz9\r\n");
        int read = 0;
        long allocated = Allocations.Measure(() =>
        {
            SmtpProtocol.TryParseReplyLine(line, out ReplyLine reply);
            read += SmtpProtocol.TryReadMessageAcceptedReply(reply, out ReadOnlySpan<byte> id) ? id.Length : 0;
        });

        Assert.True(read > 0);
        Assert.Equal(0, allocated);
    }

    /// <summary>The first reply line of <paramref name="written"/>, parsed; <paramref name="written"/> moves past it.</summary>
    private static ReplyLine Next(ref ReadOnlySpan<byte> written)
    {
        int end = written.IndexOf("\r\n"u8) + 2;
        Assert.Equal(ReplyStatus.Ok, SmtpProtocol.TryParseReplyLine(written[..end], out ReplyLine reply));
        written = written[end..];
        return reply;
    }
}
