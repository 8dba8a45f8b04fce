using System.Globalization;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>swaks, the Swiss Army Knife for SMTP (Debian), sends to our server.</summary>
public class SwaksPeerTests
{
    [Theory]
    [MemberData(nameof(PeerMessages.Names), MemberType = typeof(PeerMessages))]
    public async Task Swaks_sends_and_the_stored_message_is_what_it_sent(string name)
    {
        string swaks = ExternalProgram.Require("/usr/bin/swaks", "swaks");
        string message = PeerMessages.ByName(name);
        string file = Path.GetTempFileName();
        try
        {
            // swaks ends the data with CRLF "." CRLF after the file's last line, adding a line end of its own:
            // the file leaves out the message's final CRLF so that what swaks sends is exactly the message.
            Assert.EndsWith("\r\n", message, StringComparison.Ordinal);
            await File.WriteAllTextAsync(file, message[..^2]);
            await using TestServer server = PeerServer.Start();
            (int exitCode, string output) = await ExternalProgram.RunAsync(
                swaks,
                [
                    "--server", server.EndPoint.Address.ToString(),
                    "--port", server.EndPoint.Port.ToString(CultureInfo.InvariantCulture),
                    "--from", "alice@example.com",
                    "--to", string.Join(',', PeerMessages.Recipients),
                    "--data", file,
                ]);

            Assert.True(exitCode == 0, output);
            string sent = DataInTranscript(output);
            PeerServer.AssertStored(server, sent);
            if (name != "empty body")
            {
                // swaks adds a blank line to a message without a body, so only the others go out unchanged.
                Assert.True(sent == message, "swaks sent another message than the file's");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The message as swaks put it on the wire: the lines its transcript shows between DATA's 354 and the
    /// final ".", with the dots it stuffed removed.
    /// </summary>
    private static string DataInTranscript(string transcript)
    {
        var message = new System.Text.StringBuilder();
        bool inData = false;
        foreach (string line in transcript.Split('\n').Select(line => line.TrimEnd('\r')))
        {
            if (!inData)
            {
                inData = line.StartsWith("<-  354", StringComparison.Ordinal);
                continue;
            }

            if (line == " -> .")
            {
                return message.ToString();
            }

            Assert.StartsWith(" -> ", line, StringComparison.Ordinal);
            string sent = line[4..];
            message.Append(sent.StartsWith('.') ? sent[1..] : sent).Append("\r\n");
        }

        throw new Xunit.Sdk.XunitException("swaks' transcript shows no end of data:\n" + transcript);
    }
}
