using System.Text;
using System.Text.Json;

namespace SmtpGen.Server.Tests;

/// <summary>
/// BINARYMIME (RFC 3030 §3) on the server: offered with CHUNKING, <c>BODY=BINARYMIME</c> taken on MAIL, the message's
/// octets kept as they are whatever they hold, DATA refused after it (503), and the body type kept in the envelope.
/// </summary>
public sealed class BinaryMimeTests : IDisposable
{
    private readonly string _maildir = Directory.CreateTempSubdirectory("smtpgen-binarymime-").FullName;

    public void Dispose() => Directory.Delete(_maildir, recursive: true);

    [Fact]
    public async Task A_binary_message_with_BDAT_is_stored_octet_for_octet_and_its_envelope_says_BINARYMIME()
    {
        // A NUL, a bare CR, octets above 127 and a line of 3,000 octets: nothing DATA could carry as it is.
        byte[] message = [.. "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"u8, 0, 13, 0xFF, 0x80, .. Enumerable.Repeat((byte)'b', 3000), 10];
        await using var server = TestServer.Start(store: new MaildirMessageStore(_maildir));
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        string ehlo = await client.CommandAsync("EHLO client.example.com");
        Assert.Contains("250 BINARYMIME", ehlo, StringComparison.Ordinal);

        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com> BODY=binarymime"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        await client.SendAsync([.. Encoding.ASCII.GetBytes($"BDAT {message.Length} LAST\r\n"), .. message]);

        Assert.StartsWith("250 2.0.0 OK", await client.ReadReplyAsync());
        string stored = Assert.Single(Directory.GetFiles(Path.Combine(_maildir, "new")));
        Assert.Equal(message, ServerTrace.Remove(await File.ReadAllBytesAsync(stored)));
        using JsonDocument envelope = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_maildir, "envelope", Path.GetFileName(stored) + ".json")));
        Assert.Equal("BINARYMIME", envelope.RootElement.GetProperty("body").GetString());
        Assert.False(envelope.RootElement.TryGetProperty("smtpUtf8", out _));
    }

    [Fact]
    public async Task DATA_after_BODY_BINARYMIME_gets_503_and_the_transaction_can_still_go_with_BDAT()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.CommandAsync("EHLO client.example.com");
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com> BODY=BINARYMIME"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));

        Assert.StartsWith("503 5.5.1 ", await client.CommandAsync("DATA"));
        await client.SendAsync("BDAT 2 LAST\r\nhi");
        Assert.StartsWith("250 2.0.0 OK", await client.ReadReplyAsync());
        Assert.Equal("BINARYMIME", server.Memory.Messages.Single().Envelope.Body);
    }

    [Fact]
    public async Task Over_LMTP_a_binary_message_refuses_DATA_and_its_last_chunk_gets_one_reply_a_recipient()
    {
        await using var server = TestServer.Start(options => options.Commands = LmtpCommandHandler.Instance);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.Contains("BINARYMIME", await client.CommandAsync("LHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com> BODY=BINARYMIME"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<carol@example.com>"));

        Assert.StartsWith("503 ", await client.CommandAsync("DATA"));
        await client.SendAsync([.. "BDAT 3 LAST\r\n"u8, 0, 13, 10]);
        Assert.StartsWith("250 ", await client.ReadReplyAsync());
        Assert.StartsWith("250 ", await client.ReadReplyAsync());
        Assert.Equal((byte[])[0, 13, 10], ServerTrace.Remove(server.Memory.Messages.Single().Data));
    }

    [Fact]
    public async Task Without_CHUNKING_the_server_offers_no_BINARYMIME_and_refuses_the_body_with_555()
    {
        await using var server = TestServer.Start(options => options.Extensions = SmtpGen.Smtp.SmtpProtocol.Extensions.All.Without(SmtpGen.Smtp.SmtpProtocol.Extension.Chunking));
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.DoesNotContain("BINARYMIME", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);

        Assert.StartsWith("555 ", await client.CommandAsync("MAIL FROM:<alice@example.com> BODY=BINARYMIME"));
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com> BODY=8BITMIME"));
    }

    [Fact]
    public async Task Without_8BITMIME_whose_parameter_says_it_the_server_offers_no_BINARYMIME()
    {
        await using var server = TestServer.Start(options => options.Extensions = SmtpGen.Smtp.SmtpProtocol.Extensions.All.Without(SmtpGen.Smtp.SmtpProtocol.Extension.EightBitMime));
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        string ehlo = await client.CommandAsync("EHLO client.example.com");

        Assert.Contains("CHUNKING", ehlo, StringComparison.Ordinal);
        Assert.DoesNotContain("BINARYMIME", ehlo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_says_8BITMIME_keeps_it_in_the_envelope_and_one_that_says_nothing_has_none()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.CommandAsync("EHLO client.example.com");
        foreach (string mail in (string[])["MAIL FROM:<alice@example.com> BODY=8BITMIME", "MAIL FROM:<alice@example.com>"])
        {
            Assert.StartsWith("250 ", await client.CommandAsync(mail));
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
            Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
            Assert.StartsWith("250 ", await client.CommandAsync("Hi\r\n."));
        }

        Assert.Equal(["8BITMIME", null], server.Memory.Messages.Select(message => message.Envelope.Body));
    }
}
