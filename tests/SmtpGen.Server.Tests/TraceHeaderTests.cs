using System.Globalization;
using System.Net;
using System.Text;

namespace SmtpGen.Server.Tests;

/// <summary>
/// The trace headers the server adds at delivery (RFC 5321 §4.4): Return-Path and a Received line before the octets the
/// client sent, which follow them unchanged; none when turned off.
/// </summary>
public class TraceHeaderTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_message_is_stored_after_Return_Path_and_Received_naming_the_client_the_server_the_protocol_the_session_the_recipient_and_the_time()
    {
        await using TestServer server = TestServer.Start();
        await using (RawClient client = await server.ConnectAsync())
        {
            await client.StartMessageAsync("alice@example.com", "bob@example.com");
            Assert.StartsWith("250 ", await client.CommandAsync("Subject: traced\r\n\r\nbody\r\n."), StringComparison.Ordinal);
        }

        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Equal(
            "Return-Path: <alice@example.com>\r\n" +
            "Received: from client.example.com ([127.0.0.1])\r\n" +
            $"\tby mail.example.com with ESMTP id {stored.Id}\r\n" +
            $"\tfor <bob@example.com>; {Rfc5322(stored.Envelope.ReceivedAt)}\r\n" +
            "Subject: traced\r\n\r\nbody\r\n",
            Encoding.ASCII.GetString(stored.Data));
        Assert.InRange(stored.Envelope.ReceivedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task After_HELO_with_the_null_reverse_path_and_two_recipients_the_trace_says_SMTP_and_names_no_recipient()
    {
        await using TestServer server = TestServer.Start();
        await using (RawClient client = await server.ConnectAsync())
        {
            Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("HELO old.example.com"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<>"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<carol@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("354 ", await client.CommandAsync("DATA"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("bounce\r\n."), StringComparison.Ordinal);
        }

        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Equal(
            "Return-Path: <>\r\n" +
            "Received: from old.example.com ([127.0.0.1])\r\n" +
            $"\tby mail.example.com with SMTP id {stored.Id};\r\n" +
            $"\t{Rfc5322(stored.Envelope.ReceivedAt)}\r\n" +
            "bounce\r\n",
            Encoding.ASCII.GetString(stored.Data));
    }

    [Theory]
    [InlineData(false, false, "ESMTP")]
    [InlineData(true, false, "ESMTPS")]
    [InlineData(false, true, "ESMTPA")]
    [InlineData(true, true, "ESMTPSA")]
    public async Task The_protocol_says_whether_the_session_was_over_TLS_and_authenticated_as_RFC_3848_names_it(bool tls, bool authenticated, string protocol)
    {
        var users = new MemoryUserStore();
        users.Add("alice", ScramCredential.Create(Password));
        await using TestServer server = TestServer.Start(options =>
        {
            options.Certificate = TestCertificate.Server;
            options.Authentication = new SmtpAuthenticationOptions { Users = users, AllowInsecureAuth = true };
        });
        await using (RawClient client = await server.ConnectAsync())
        {
            Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
            Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
            if (tls)
            {
                Assert.StartsWith("220 ", await client.CommandAsync("STARTTLS"), StringComparison.Ordinal);
                await client.StartTlsAsync();
                Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
            }

            if (authenticated)
            {
                string plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0alice\0{Password}"));
                Assert.StartsWith("235 ", await client.CommandAsync("AUTH PLAIN " + plain), StringComparison.Ordinal);
            }

            Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("354 ", await client.CommandAsync("DATA"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("hi\r\n."), StringComparison.Ordinal);
        }

        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Contains($"\r\n\tby mail.example.com with {protocol} id {stored.Id}\r\n", Encoding.ASCII.GetString(stored.Data), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "UTF8SMTP", "ESMTP")]
    [InlineData(true, "UTF8LMTP", "LMTP")]
    public async Task A_transaction_that_asked_for_UTF8_says_so_in_the_protocol_and_its_envelope(bool lmtp, string protocol, string asciiProtocol)
    {
        // RFC 6531 §3.7.3: the WITH clause of such a transaction is one of §4.3's values; the envelope keeps the request,
        // which a relay must pass on (§3.2).
        await using TestServer server = TestServer.Start(options => options.Commands = lmtp ? LmtpCommandHandler.Instance : null);
        await using (RawClient client = await server.ConnectAsync())
        {
            Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
            Assert.StartsWith("250", await client.CommandAsync((lmtp ? "LHLO" : "EHLO") + " client.example.com"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<ålice@example.com> SMTPUTF8"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("354 ", await client.CommandAsync("DATA"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("hi\r\n."), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("354 ", await client.CommandAsync("DATA"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("hi\r\n."), StringComparison.Ordinal);
        }

        Assert.Collection(
            server.Memory.Messages,
            utf8 =>
            {
                Assert.True(utf8.Envelope.SmtpUtf8);
                var json = new System.Buffers.ArrayBufferWriter<byte>();
                EnvelopeJson.Write(json, utf8.Envelope);
                using var envelope = System.Text.Json.JsonDocument.Parse(json.WrittenMemory);
                Assert.True(envelope.RootElement.GetProperty("smtpUtf8").GetBoolean());
                Assert.Contains($"\r\n\tby mail.example.com with {protocol} id {utf8.Id}\r\n", Encoding.UTF8.GetString(utf8.Data), StringComparison.Ordinal);
            },
            ascii =>
            {
                // The next transaction asked for nothing: the request was the transaction's, not the session's.
                Assert.False(ascii.Envelope.SmtpUtf8);
                Assert.Contains($"\r\n\tby mail.example.com with {asciiProtocol} id {ascii.Id}\r\n", Encoding.UTF8.GetString(ascii.Data), StringComparison.Ordinal);
            });
    }

    [Fact]
    public async Task An_lmtp_server_says_LMTP()
    {
        await using TestServer server = TestServer.Start(options => options.Commands = LmtpCommandHandler.Instance);
        await using (RawClient client = await server.ConnectAsync())
        {
            Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
            Assert.StartsWith("250", await client.CommandAsync("LHLO client.example.com"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("354 ", await client.CommandAsync("DATA"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("hi\r\n."), StringComparison.Ordinal);
        }

        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Contains($"\r\n\tby mail.example.com with LMTP id {stored.Id}\r\n", Encoding.ASCII.GetString(stored.Data), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trace_headers_do_not_count_against_the_message_size_limit()
    {
        await using TestServer server = TestServer.Start(options => options.MaxMessageSize = 10);
        await using (RawClient client = await server.ConnectAsync())
        {
            await client.StartMessageAsync("alice@example.com", "bob@example.com");
            Assert.StartsWith("250 ", await client.CommandAsync("12345678\r\n."), StringComparison.Ordinal);
        }

        Assert.Equal("12345678\r\n"u8.ToArray(), ServerTrace.Remove(Assert.Single(server.Memory.Messages).Data));
    }

    [Fact]
    public async Task Turned_off_the_store_gets_exactly_the_octets_the_client_sent()
    {
        await using TestServer server = TestServer.Start(options => options.AddTraceHeaders = false);
        await using (RawClient client = await server.ConnectAsync())
        {
            await client.StartMessageAsync("alice@example.com", "bob@example.com");
            Assert.StartsWith("250 ", await client.CommandAsync("Subject: untraced\r\n\r\nbody\r\n."), StringComparison.Ordinal);
        }

        Assert.Equal("Subject: untraced\r\n\r\nbody\r\n"u8.ToArray(), Assert.Single(server.Memory.Messages).Data);
    }

    [Theory]
    [InlineData("::1", "[IPv6:::1]")]
    [InlineData("2001:db8::25", "[IPv6:2001:db8::25]")]
    [InlineData("::ffff:192.0.2.1", "[192.0.2.1]")]   // a dual-mode socket's IPv4 client
    public void A_client_address_is_written_as_an_address_literal(string address, string literal)
    {
        var envelope = new MessageEnvelope("s-1", new IPEndPoint(IPAddress.Parse(address), 40000), "client.example.com", "alice@example.com", ["bob@example.com"], DateTimeOffset.UnixEpoch);
        byte[] buffer = new byte[1024];

        int written = TraceHeaders.Write(buffer, envelope, "mail.example.com", "ESMTP", "m-1");

        Assert.Equal(
            "Return-Path: <alice@example.com>\r\n" +
            $"Received: from client.example.com ({literal})\r\n" +
            "\tby mail.example.com with ESMTP id m-1\r\n" +
            "\tfor <bob@example.com>; Thu, 01 Jan 1970 00:00:00 +0000\r\n",
            Encoding.ASCII.GetString(buffer, 0, written));
    }

    [Fact]
    public void Without_a_client_address_the_from_clause_is_the_HELO_name_alone()
    {
        var envelope = new MessageEnvelope("s-1", null, "client.example.com", "alice@example.com", ["bob@example.com"], DateTimeOffset.UnixEpoch);
        byte[] buffer = new byte[1024];

        int written = TraceHeaders.Write(buffer, envelope, "mail.example.com", "ESMTP", "m-1");

        Assert.StartsWith("Return-Path: <alice@example.com>\r\nReceived: from client.example.com\r\n\tby ", Encoding.ASCII.GetString(buffer, 0, written), StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_the_trace_headers_allocates_nothing()
    {
        var envelope = new MessageEnvelope("s-1", new IPEndPoint(IPAddress.Loopback, 40000), "client.example.com", "alice@example.com", ["bob@example.com"], DateTimeOffset.UtcNow);
        byte[] buffer = new byte[1024];

        Assert.Equal(0, SmtpGen.Tests.Allocations.Measure(() => TraceHeaders.Write(buffer, envelope, "mail.example.com", "ESMTP", "m-1")));
    }

    /// <summary>RFC 5322's date-time in UTC: <c>Tue, 16 Apr 2025 10:00:00 +0000</c>.</summary>
    private static string Rfc5322(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";
}
