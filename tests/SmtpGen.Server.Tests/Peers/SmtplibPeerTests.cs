namespace SmtpGen.Server.Tests.Peers;

/// <summary>Python's smtplib (Debian's python3) sends to our server.</summary>
public class SmtplibPeerTests
{
    private const string Script = """
        import smtplib, sys
        host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        recipients = sys.argv[4:]
        with open(path, "rb") as f:
            message = f.read()
        with smtplib.SMTP(host, port) as smtp:
            refused = smtp.sendmail("alice@example.com", recipients, message)
        print("refused:", refused)
        """;

    [Theory]
    [MemberData(nameof(PeerMessages.Names), MemberType = typeof(PeerMessages))]
    public async Task Smtplib_sends_and_the_stored_message_is_what_it_sent(string name)
    {
        string python = ExternalProgram.Require("/usr/bin/python3", "python3");
        string message = PeerMessages.ByName(name);
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, message);
            await using TestServer server = PeerServer.Start();
            (int exitCode, string output) = await ExternalProgram.RunAsync(
                python,
                ["-c", Script, server.EndPoint.Address.ToString(), server.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), file, .. PeerMessages.Recipients]);

            Assert.True(exitCode == 0, output);
            Assert.Contains("refused: {}", output, StringComparison.Ordinal);
            PeerServer.AssertStored(server, message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
