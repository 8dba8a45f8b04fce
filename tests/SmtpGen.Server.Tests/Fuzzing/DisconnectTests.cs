using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests.Fuzzing;

/// <summary>
/// A conversation cut after every one of its octets, by a close (FIN) and by a reset (RST): no message is stored, the
/// Maildir's <c>tmp/</c> is empty once the sessions end, and nothing is logged above Information.
/// </summary>
public sealed class DisconnectTests : IDisposable
{
    private const string Conversation =
        "EHLO client.example.com\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nSubject: cut\r\n\r\n..a line\r\nbody\r\n.\r\n";

    private readonly string _maildir = Directory.CreateTempSubdirectory("smtpgen-cut-").FullName;

    public void Dispose() => Directory.Delete(_maildir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_conversation_cut_anywhere_leaves_nothing_and_logs_no_error(bool reset)
    {
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        byte[] conversation = Encoding.ASCII.GetBytes(Conversation);
        await using (var server = TestServer.Start(store: new MaildirMessageStore(_maildir), loggerFactory: factory))
        {
            // Up to the last octet but one: the final LF would complete the message, which is then stored.
            for (int cut = 0; cut < conversation.Length - 1; cut++)
            {
                await using RawClient client = await server.ConnectAsync();
                Assert.StartsWith("220 ", await client.ReadReplyAsync());
                await client.SendAsync(conversation[..cut]);
                if (reset)
                {
                    client.Socket.LingerState = new LingerOption(enable: true, seconds: 0);
                }
                else
                {
                    client.Socket.Shutdown(SocketShutdown.Send);
                }
            }

            await server.Listener.StopAsync();
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "tmp")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "new")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "envelope")));
        Assert.DoesNotContain(logs.Entries, entry => entry.Level > LogLevel.Information);
    }
}
