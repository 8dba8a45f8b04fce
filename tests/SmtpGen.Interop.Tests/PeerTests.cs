using SmtpGen.Client;
using SmtpGen.Interop.Tests.Peers;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests;

/// <summary>
/// Our client against an SMTP (or LMTP) server we did not write, on loopback: what the server stored is byte for
/// byte what was sent. Each derived class runs every test against one peer.
/// </summary>
public abstract class PeerTests
{
    /// <summary>Whether the peer is an LMTP server, which the client speaks LMTP to.</summary>
    private protected virtual bool Lmtp => false;

    /// <summary>Whether the peer keeps the recipients in the order the client named them.</summary>
    private protected virtual bool KeepsRecipientOrder => true;

    private protected SmtpClientOptions Options => new()
    {
        Lmtp = Lmtp,
        ClientDomain = "client.example.com",
        GreetingTimeout = Loopback.PeerPatience,
        CommandTimeout = Loopback.PeerPatience,
        MailTimeout = Loopback.PeerPatience,
        RcptTimeout = Loopback.PeerPatience,
        DataInitiationTimeout = Loopback.PeerPatience,
        DataBlockTimeout = Loopback.PeerPatience,
        DataTerminationTimeout = Loopback.PeerPatience,
    };

    [Fact]
    public Task Lines_that_begin_with_a_dot_arrive_unchanged() =>
        AssertDeliveredAsync(WithDotLines, Alice, [Bob]);

    [Fact]
    public Task Every_recipient_is_in_the_envelope() =>
        AssertDeliveredAsync(WithDotLines, Alice, [Bob, Carol, Dave]);

    [Fact]
    public Task An_empty_body_arrives_unchanged() =>
        AssertDeliveredAsync(EmptyBody, Alice, [Bob]);

    [Fact]
    public Task Five_mebibytes_arrive_unchanged() =>
        AssertDeliveredAsync(Large(5 * 1024 * 1024), Alice, [Bob]);

    [Fact]
    public async Task Several_messages_go_over_one_connection()
    {
        await using IMailPeer peer = await StartPeerAsync();
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", peer.Port, Options);

        SmtpSendResult first = await client.SendAsync(Alice, [Bob], WithDotLines);
        SmtpSendResult second = await client.SendAsync(Carol, [Dave, Alice], new MemoryStream(EmptyBody));
        await client.QuitAsync();

        Assert.True(first.IsSent);
        Assert.True(second.IsSent);
        IReadOnlyList<ReceivedMessage> received = await peer.WaitForMessagesAsync(2);
        Assert.Equal(2, received.Count);
        ReceivedMessage firstReceived = Assert.Single(received, m => m.From == Alice);
        ReceivedMessage secondReceived = Assert.Single(received, m => m.From == Carol);
        Assert.Equal(WithDotLines, firstReceived.Content);
        Assert.Equal([Bob], firstReceived.To);
        Assert.Equal(EmptyBody, secondReceived.Content);
        AssertRecipients([Dave, Alice], secondReceived.To);
    }

    private protected abstract Task<IMailPeer> StartPeerAsync();

    private protected async Task AssertDeliveredAsync(byte[] message, string from, string[] to)
    {
        await using IMailPeer peer = await StartPeerAsync();
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", peer.Port, Options);

        SmtpSendResult result = await client.SendAsync(from, to, message);
        await client.QuitAsync();

        Assert.True(result.IsSent, $"not sent: {string.Join("; ", result.Recipients.Select(r => r.Delivery ?? r.Reply))}");
        Assert.All(result.Recipients, r => Assert.True(r.IsDelivered, (r.Delivery ?? r.Reply).ToString()));
        if (Lmtp)
        {
            // RFC 2033 §4.2: one reply after the data for each accepted recipient.
            Assert.All(result.Recipients, r => Assert.True(r.Delivery?.IsPositiveCompletion, $"{r.Address}: {r.Delivery}"));
        }

        ReceivedMessage received = Assert.Single(await peer.WaitForMessagesAsync(1));
        Assert.Equal(from, received.From);
        AssertRecipients(to, received.To);
        AssertSameOctets(message, received.Content);
    }

    private void AssertRecipients(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        if (KeepsRecipientOrder)
        {
            Assert.Equal(expected, actual);
        }
        else
        {
            Assert.Equal(expected.Order(), actual.Order());
        }
    }

    /// <summary>Compares octets, reporting where they differ rather than dumping megabytes.</summary>
    private static void AssertSameOctets(byte[] expected, byte[] actual)
    {
        int differ = expected.AsSpan().CommonPrefixLength(actual);
        Assert.True(
            differ == expected.Length && differ == actual.Length,
            $"sent {expected.Length} octets, stored {actual.Length}; first difference at offset {differ}");
    }
}

public sealed class SmtpSinkTests : PeerTests
{
    [Fact]
    public Task A_message_of_no_octets_arrives_empty() => AssertDeliveredAsync([], Alice, [Bob]);

    private protected override async Task<IMailPeer> StartPeerAsync() => await SmtpSink.StartAsync();
}

public sealed class AiosmtpdTests : PeerTests
{
    [Fact]
    public Task A_message_of_no_octets_arrives_empty() => AssertDeliveredAsync([], Alice, [Bob]);

    [Fact]
    public Task Utf8_addresses_and_text_arrive_with_SMTPUTF8() =>
        AssertDeliveredAsync(Crlf("From: Jörg <jörg@bücher.example>", "Subject: Grüße", "", "Schöne Grüße, 用户"), "jörg@bücher.example", ["用户@例子.example"]);

    [Fact]
    public async Task Over_starttls_the_client_authenticates_and_sends()
    {
        var alice = new System.Net.NetworkCredential("alice", "pässword");
        await using Aiosmtpd peer = await Aiosmtpd.StartAsync(alice);
        var options = new SmtpClientOptions
        {
            ClientDomain = "client.example.com",
            Credentials = alice,
            ServerCertificateValidation = Server.Tests.TestCertificate.Validate,
            GreetingTimeout = Loopback.PeerPatience,
            CommandTimeout = Loopback.PeerPatience,
        };
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", peer.Port, options);

        Assert.True(client.IsSecure);
        Assert.Equal(["LOGIN", "PLAIN"], client.Capabilities.AuthMechanisms.Order());
        await client.SendAsync(Alice, [Bob], WithDotLines);
        await client.QuitAsync();
        Assert.Equal(WithDotLines, Assert.Single(await peer.WaitForMessagesAsync(1)).Content);
    }

    private protected override async Task<IMailPeer> StartPeerAsync() => await Aiosmtpd.StartAsync();
}

/// <remarks>
/// No message of zero octets here: SmtpServer 11.1 ends mail data only at <c>CRLF . CRLF</c>, so a lone
/// <c>. CRLF</c> right after 354 (empty mail data, RFC 5321 §4.1.1.4) leaves it waiting.
/// </remarks>
public sealed class SmtpServerLibraryTests : PeerTests
{
    private protected override async Task<IMailPeer> StartPeerAsync() => await SmtpServerLibrary.StartAsync();
}

public sealed class SmtpGenServerTests : PeerTests
{
    [Fact]
    public Task A_message_of_no_octets_arrives_empty() => AssertDeliveredAsync([], Alice, [Bob]);

    [Fact]
    public Task A_binary_message_arrives_octet_for_octet_with_BINARYMIME() =>
        AssertDeliveredAsync([.. "Content-Transfer-Encoding: binary\r\n\r\n"u8, 0, 13, 0xFF, 10, .. Enumerable.Repeat((byte)'b', 2000)], Alice, [Bob]);

    private protected override async Task<IMailPeer> StartPeerAsync() => await SmtpGenServer.StartAsync();
}

public sealed class SmtpSinkLmtpTests : PeerTests
{
    private protected override bool Lmtp => true;

    private protected override async Task<IMailPeer> StartPeerAsync() => await SmtpSink.StartAsync(lmtp: true);
}

public sealed class AiosmtpdLmtpTests : PeerTests
{
    private protected override bool Lmtp => true;

    [Fact]
    public async Task Each_recipient_gets_its_own_outcome_after_the_data()
    {
        await using IMailPeer peer = await StartPeerAsync();
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", peer.Port, Options);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob, "tempfail@example.com", "permfail@example.com", Carol], WithDotLines);
        await client.QuitAsync();

        Assert.True(result.IsSent);
        Assert.Equal([Bob, Carol], result.Accepted.Select(r => r.Address));
        Assert.Equal(["451 4.3.0 <tempfail@example.com> Temporary failure", "550 5.1.1 <permfail@example.com> Delivery failed"], result.Refused.Select(r => r.Delivery!.ToString()));
    }

    [Fact]
    public async Task A_message_no_recipient_takes_is_refused_with_the_first_refusal()
    {
        await using IMailPeer peer = await StartPeerAsync();
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", peer.Port, Options);

        SmtpCommandException refusal = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, ["tempfail@example.com", "permfail@example.com"], WithDotLines));
        Assert.Equal(451, refusal.Reply.Code.Value);
        await client.QuitAsync();
    }

    private protected override async Task<IMailPeer> StartPeerAsync() => await AiosmtpdLmtp.StartAsync();
}

public sealed class DovecotLmtpTests : PeerTests
{
    private protected override bool Lmtp => true;

    private protected override bool KeepsRecipientOrder => false;

    [Fact]
    public async Task A_recipient_dovecot_cannot_deliver_to_gets_its_own_failure()
    {
        await using DovecotLmtp peer = await DovecotLmtp.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(peer.MailFolder, Carol), "not a Maildir");
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", peer.Port, Options);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob, Carol, Dave], WithDotLines);
        await client.QuitAsync();

        Assert.True(result.IsSent);
        Assert.Equal([Bob, Dave], result.Accepted.Select(r => r.Address));
        SmtpRecipientResult failed = Assert.Single(result.Refused);
        Assert.Equal(Carol, failed.Address);
        Assert.True(failed.IsAccepted, "RCPT accepted Carol; the delivery after the data failed");
        Assert.Equal(451, failed.Delivery!.Code.Value);
    }

    private protected override async Task<IMailPeer> StartPeerAsync() => await DovecotLmtp.StartAsync();
}

public sealed class SmtpGenLmtpServerTests : PeerTests
{
    private protected override bool Lmtp => true;

    [Fact]
    public Task A_message_of_no_octets_arrives_empty() => AssertDeliveredAsync([], Alice, [Bob]);

    private protected override async Task<IMailPeer> StartPeerAsync() => await SmtpGenServer.StartAsync(lmtp: true);
}
