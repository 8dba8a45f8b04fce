using System.Globalization;
using System.Text;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>LMTP clients we did not write send to our server in LMTP mode: Python's smtplib.LMTP and Postfix's smtp-source -L.</summary>
public class LmtpPeerTests
{
    private const string SmtplibScript = """
        import smtplib, sys
        host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        recipients = sys.argv[4:]
        with open(path, "rb") as f:
            message = f.read()
        lmtp = smtplib.LMTP(host, port)
        refused = lmtp.sendmail("alice@example.com", recipients, message)
        lmtp.quit()
        print("refused:", refused)
        """;

    private static TestServer Start() => TestServer.Start(options =>
    {
        options.MaxMessageSize = 16 * 1024 * 1024;
        options.Commands = LmtpCommandHandler.Instance;
    });

    [Theory]
    [MemberData(nameof(PeerMessages.Names), MemberType = typeof(PeerMessages))]
    public async Task Smtplib_sends_over_lmtp_and_the_stored_message_is_what_it_sent(string name)
    {
        string python = ExternalProgram.Require("/usr/bin/python3", "python3");
        string message = PeerMessages.ByName(name);
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, message);
            await using TestServer server = Start();
            (int exitCode, string output) = await ExternalProgram.RunAsync(
                python,
                ["-c", SmtplibScript, server.EndPoint.Address.ToString(), server.EndPoint.Port.ToString(CultureInfo.InvariantCulture), file, .. PeerMessages.Recipients]);

            // smtplib.LMTP reads one reply per recipient after the data and reports the refused ones: none here.
            Assert.True(exitCode == 0, output);
            Assert.Contains("refused: {}", output, StringComparison.Ordinal);
            PeerServer.AssertStored(server, message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Smtp_source_sends_several_messages_over_one_lmtp_connection()
    {
        string smtpSource = ExternalProgram.Require("/usr/sbin/smtp-source", "postfix");
        string file = Path.GetTempFileName();
        try
        {
            // smtp-source -F sends the file's lines with CRLF, then an empty line of its own before the final dot.
            await File.WriteAllTextAsync(file, "Subject: from smtp-source\n.leading dot\nlast line\n");
            await using TestServer server = Start();
            (int exitCode, string output) = await ExternalProgram.RunAsync(
                smtpSource,
                ["-L", "-d", "-m", "3", "-r", "2", "-M", "client.example.com", "-f", "alice@example.com", "-t", "bob@example.com", "-F", file, $"127.0.0.1:{server.EndPoint.Port}"]);

            // smtp-source reads one reply per recipient after each message's data, and fails on any that is not 2yz.
            Assert.True(exitCode == 0, $"smtp-source exited with {exitCode}: {output}");
            Assert.Equal(3, server.Memory.Messages.Count);
            Assert.All(server.Memory.Messages, stored =>
            {
                Assert.Equal("alice@example.com", stored.Envelope.ReversePath);
                Assert.Equal(["2bob@example.com", "bob@example.com"], stored.Envelope.Recipients);
                Assert.Equal("Subject: from smtp-source\r\n.leading dot\r\nlast line\r\n\r\n", Encoding.ASCII.GetString(ServerTrace.Remove(stored.Data)));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }
}
