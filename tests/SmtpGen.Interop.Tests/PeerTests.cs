using SmtpGen.Client;
using SmtpGen.Interop.Tests.Peers;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests;

/// <summary>
/// Our client against an SMTP server we did not write, on loopback: what the server stored is byte for byte
/// what was sent. Each derived class runs every test against one peer.
/// </summary>
public abstract class PeerTests
{
    private static readonly SmtpClientOptions Options = new()
    {
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
        Assert.Equal([Dave, Alice], secondReceived.To);
    }

    private protected abstract Task<IMailPeer> StartPeerAsync();

    private protected async Task AssertDeliveredAsync(byte[] message, string from, string[] to)
    {
        await using IMailPeer peer = await StartPeerAsync();
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", peer.Port, Options);

        SmtpSendResult result = await client.SendAsync(from, to, message);
        await client.QuitAsync();

        Assert.True(result.IsSent, $"not sent: {string.Join("; ", result.Recipients.Select(r => r.Reply))}");
        Assert.All(result.Recipients, r => Assert.True(r.IsAccepted, r.Reply.ToString()));
        ReceivedMessage received = Assert.Single(await peer.WaitForMessagesAsync(1));
        Assert.Equal(from, received.From);
        Assert.Equal(to, received.To);
        AssertSameOctets(message, received.Content);
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

    private protected override async Task<IMailPeer> StartPeerAsync() => await SmtpGenServer.StartAsync();
}
