using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>
/// MailKit uses our server's CHUNKING (BDAT, which it prefers for binary data) and BINARYMIME for a binary part, and asks for
/// DSN (RFC 3461), which the envelope keeps.
/// </summary>
public class MailKitExtensionTests
{
    private static readonly string Raw = PeerMessages.ByName("dots");

    [Fact]
    public async Task MailKit_sends_with_bdat_and_the_stored_message_is_what_it_sent()
    {
        await using TestServer server = PeerServer.Start();
        using MimeMessage message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Raw)));
        var log = new MemoryStream();
        using (var client = new BinaryPreferringClient(new ProtocolLogger(log, leaveOpen: true)))
        {
            await client.ConnectAsync(server.EndPoint.Address.ToString(), server.EndPoint.Port, SecureSocketOptions.None);
            Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Chunking));
            await client.SendAsync(message, MailboxAddress.Parse("alice@example.com"), PeerMessages.Recipients.Select(MailboxAddress.Parse));
            await client.DisconnectAsync(quit: true);
        }

        Assert.Contains("C: BDAT ", Encoding.UTF8.GetString(log.ToArray()), StringComparison.Ordinal);
        PeerServer.AssertStored(server, Raw);
    }

    [Fact]
    public async Task MailKit_sends_a_binary_part_with_BODY_BINARYMIME_and_the_server_keeps_its_octets()
    {
        byte[] binary = [0, 13, 10, 0xFF, 13, 0, .. Enumerable.Range(0, 256).Select(i => (byte)i)];
        await using TestServer server = PeerServer.Start();
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@example.com"));
        message.To.Add(MailboxAddress.Parse("bob@example.com"));
        message.Subject = "binary";
        message.Body = new MimePart("application", "octet-stream")
        {
            Content = new MimeContent(new MemoryStream(binary)),
            ContentTransferEncoding = ContentEncoding.Binary,
        };
        var log = new MemoryStream();
        using (var client = new SmtpClient(new ProtocolLogger(log, leaveOpen: true)))
        {
            await client.ConnectAsync(server.EndPoint.Address.ToString(), server.EndPoint.Port, SecureSocketOptions.None);
            Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.BinaryMime));
            await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
        }

        string conversation = Encoding.UTF8.GetString(log.ToArray());
        Assert.Contains("BODY=BINARYMIME", conversation, StringComparison.Ordinal);
        Assert.Contains("C: BDAT ", conversation, StringComparison.Ordinal);
        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Equal("BINARYMIME", stored.Envelope.Body);
        byte[] data = ServerTrace.Remove(stored.Data);
        Assert.True(data.AsSpan().IndexOf(binary) >= 0, "the stored message does not hold the part's octets as they were");
    }

    [Fact]
    public async Task MailKit_asks_for_notifications_and_the_envelope_keeps_them()
    {
        await using TestServer server = PeerServer.Start();
        using MimeMessage message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Raw)));
        message.MessageId = "envelope-1@example.com";
        using (var client = new NotifyingClient())
        {
            client.DeliveryStatusNotificationType = DeliveryStatusNotificationType.HeadersOnly;
            await client.ConnectAsync(server.EndPoint.Address.ToString(), server.EndPoint.Port, SecureSocketOptions.None);
            Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Dsn));
            await client.SendAsync(message, MailboxAddress.Parse("alice@example.com"), PeerMessages.Recipients.Select(MailboxAddress.Parse));
            await client.DisconnectAsync(quit: true);
        }

        DeliveryStatusRequest dsn = server.Memory.Messages.Single().Envelope.DeliveryStatus!;
        Assert.Equal("HDRS", dsn.Return);
        Assert.Equal("envelope-1@example.com", dsn.EnvelopeId);
        Assert.All(dsn.Recipients, recipient => Assert.Equal("SUCCESS,FAILURE", recipient.Notify));
    }

    /// <summary>MailKit asks for notifications, and names the envelope, through these overrides.</summary>
    private sealed class NotifyingClient : SmtpClient
    {
        protected override string GetEnvelopeId(MimeMessage message) => message.MessageId ?? "";

        protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
            DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure;
    }

    /// <summary>MailKit with BDAT preferred for a message that is not binary too.</summary>
    private sealed class BinaryPreferringClient(IProtocolLogger logger) : SmtpClient(logger)
    {
        protected override bool PreferSendAsBinaryData => true;
    }
}
