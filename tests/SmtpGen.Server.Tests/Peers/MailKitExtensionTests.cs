using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>MailKit uses our server's CHUNKING (BDAT, which it prefers for binary data) and asks for DSN (RFC 3461), which the envelope keeps.</summary>
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
