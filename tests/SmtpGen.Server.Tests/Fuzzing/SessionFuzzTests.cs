using System.Text;
using CsCheck;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests.Fuzzing;

/// <summary>
/// The server as a whole on random conversations over loopback: every command line gets exactly one reply, whatever it
/// holds, and a message is stored exactly when it is acknowledged, as RFC 5321 §4.5.2 decodes it.
/// </summary>
public class SessionFuzzTests
{
    private static readonly string[] Seeds =
    [
        "EHLO client.example.com", "HELO client.example.com", "MAIL FROM:<alice@example.com>", "MAIL FROM:<alice@example.com> SIZE=10 BODY=8BITMIME",
        "RCPT TO:<bob@example.com>", "RCPT TO:<bob@example.com> NOTIFY=NEVER", "RSET", "VRFY bob", "EXPN list", "NOOP", "HELP", "MAIL FROM:<>",
        "MAIL FROM:<alice@example.com> MT-PRIORITY=3 SIZE=10 RET=HDRS", "RCPT TO:<bob@example.com> RRVS=2014-04-03T23:01:00Z NOTIFY=NEVER",
        // An unknown keyword, which a refusal names, made as long as a line allows by the mutation that appends.
        "MAIL FROM:<alice@example.com> SIZE=10 XFOO", "RCPT TO:<bob@example.com> XFOO",
    ];

    /// <summary>The verbs after which the next octets are no command line: left out of the random lines.</summary>
    private static readonly string[] FramingVerbs = ["DATA", "BDAT", "AUTH", "STARTTLS", "QUIT"];

    private static readonly Gen<string> Line =
        Gen.Select(Gen.OneOfConst(Seeds), Gen.Int[0, 3], Gen.Int[0, 600], Gen.Char['\u0000', '\u00ff']).Select((seed, mutation, at, octet) =>
        {
            var line = new StringBuilder(seed);
            int index = at % line.Length;
            switch (mutation)
            {
                case 0: line[index] = octet; break;
                case 1: line.Insert(index, octet); break;
                case 2: line.Append('x', at); break;
                default: line.Length = index; break;
            }

            return line.ToString();
        })
        .Where(line => line.IndexOfAny(['\r', '\n']) < 0 && !FramingVerbs.Any(verb => line.StartsWith(verb, StringComparison.OrdinalIgnoreCase)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_line_of_a_random_conversation_gets_one_reply(bool extensionParameters)
    {
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        // With a handler that reads parameters of its own (MT-PRIORITY, RRVS), a line's parameters are sorted between it and SMTP.
        await using var server = TestServer.Start(
            options =>
            {
                options.MaxErrors = 10_000;
                options.Commands = extensionParameters ? new Extended.PriorityCommands() : null;
            },
            loggerFactory: factory);
        // Half the conversations start with EHLO, so that their parameters are read rather than refused as a HELO client's.
        await Gen.Select(Gen.Bool, Line.Array[1, 40]).Select((hello, lines) => hello ? ["EHLO client.example.com", .. lines] : lines).SampleAsync(
            async lines =>
            {
                await using RawClient client = await server.ConnectAsync();
                Assert.StartsWith("220 ", await client.ReadReplyAsync());

                // All in one write, as a pipelining client sends them: the replies come back one a line.
                await client.SendAsync(Encoding.Latin1.GetBytes(string.Concat(lines.Select(line => line + "\r\n"))));
                foreach (string line in lines)
                {
                    string reply;
                    try
                    {
                        reply = await client.ReadReplyAsync();
                    }
                    catch (IOException closed)
                    {
                        throw new IOException(closed.Message + " Server log: " + string.Join(" | ", logs.Entries.Select(entry => entry.Message + entry.Exception)), closed);
                    }

                    Assert.Matches("^[2-5][0-9][0-9]", reply);
                }

                Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
            },
            iter: 60,
            threads: 1);
        Assert.Empty(server.Memory.Messages);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    private static readonly Gen<string> BodyLine =
        Gen.OneOf(
            Gen.Int[0, 1010].Select(n => new string('x', n)),
            Gen.Int[0, 1010].Select(n => "." + new string('y', n)),
            Gen.OneOfConst("", ".", "..", "bare\nLF", "bare\rCR", "é", " ."));

    [Fact]
    public async Task A_message_is_stored_exactly_when_acknowledged_and_as_the_reference_decodes_it()
    {
        await using var server = TestServer.Start();
        int stored = 0;
        await BodyLine.Array[0, 20].SampleAsync(
            async lines =>
            {
                await using RawClient client = await server.ConnectAsync();
                await client.StartMessageAsync("alice@example.com", "bob@example.com");
                string data = string.Concat(lines.Select(line => (line.StartsWith('.') ? "." : "") + line + "\r\n")) + ".\r\n";
                await client.SendAsync(Encoding.Latin1.GetBytes(data));
                string reply = await client.ReadReplyAsync();

                // The reference: RFC 5321 §4.5.2's lines without their stuffed dot; a bare CR or LF is refused (§2.3.8, the
                // server's default), and so is a line of more than 998 octets (§4.5.3.1.6).
                string message = string.Concat(lines.Select(line => line + "\r\n"));
                bool acceptable = lines.All(line => line.IndexOfAny(['\r', '\n']) < 0 && line.Length <= 998);
                if (acceptable)
                {
                    Assert.StartsWith("250 ", reply);
                    stored++;
                    Assert.Equal(message, Encoding.Latin1.GetString(ServerTrace.Remove(server.Memory.Messages.Last().Data)));
                }
                else
                {
                    Assert.StartsWith("554 5.6.0 ", reply);
                }

                Assert.Equal(stored, server.Memory.Messages.Count);
            },
            iter: 60,
            threads: 1);
    }
}
