using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>MailKit's SmtpClient (NuGet) sends to our server.</summary>
public class MailKitPeerTests
{
    [Theory]
    [MemberData(nameof(PeerMessages.Names), MemberType = typeof(PeerMessages))]
    public async Task MailKit_sends_and_the_stored_message_is_what_it_sent(string name)
    {
        string raw = PeerMessages.ByName(name);
        await using TestServer server = PeerServer.Start();
        using MimeMessage message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));

        using (var client = new SmtpClient())
        {
            await client.ConnectAsync(server.EndPoint.Address.ToString(), server.EndPoint.Port, SecureSocketOptions.None);
            await client.SendAsync(message, MailboxAddress.Parse("alice@example.com"), PeerMessages.Recipients.Select(MailboxAddress.Parse));
            await client.DisconnectAsync(quit: true);
        }

        PeerServer.AssertStored(server, raw);
    }
}
