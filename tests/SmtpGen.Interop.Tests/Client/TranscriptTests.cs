using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>The transcript hook sees the conversation as it is on the wire.</summary>
public class TranscriptTests
{
    [Fact]
    public async Task The_text_transcript_shows_every_line_each_side_sent()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING", "8BITMIME");
            await s.ExpectAsync("MAIL FROM:<alice@example.com> BODY=8BITMIME");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("250 OK", "250 OK", "354 go ahead");
            await s.ReadDataAsync();
            await s.ReplyAsync("250 2.0.0 queued");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        var text = new StringWriter { NewLine = "\n" };
        SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(new TextWriterTranscript(text)));

        await client.SendAsync(Messages.Alice, [Messages.Bob], Messages.Crlf("Subject: Hi", "", ".dot", "ünïcode"));
        await client.QuitAsync();

        Assert.Equal(
            """
            S: 220 fake.test ESMTP scripted
            C: EHLO client.test
            S: 250-fake.test
            S: 250-PIPELINING
            S: 250 8BITMIME
            C: MAIL FROM:<alice@example.com> BODY=8BITMIME
            C: RCPT TO:<bob@example.com>
            C: DATA
            S: 250 OK
            S: 250 OK
            S: 354 go ahead
            C: Subject: Hi
            C: 
            C: ..dot
            C: ünïcode
            C: .
            S: 250 2.0.0 queued
            C: QUIT
            S: 221 Bye

            """,
            text.ToString());
        await server.Completion;
    }
}
