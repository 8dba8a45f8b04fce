using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>
/// Servers that close after a refusal, refuse RSET, ask for AUTH without end, reply before the data, withhold the reply
/// to QUIT, send control characters or end a line with LF alone, and a stream given without the name TLS needs: the
/// caller hears what the server said, the client stops before it sends what it cannot follow through, and its
/// connection is closed.
/// </summary>
public class MisbehavingServerTests
{
    private static readonly NetworkCredential Credentials = new("alice", "s3cret");

    [Fact]
    public async Task A_refusal_of_data_followed_by_a_close_is_reported_as_the_refusal()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.AcceptEnvelopeAsync(Alice, Bob);
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("554 5.7.1 you are blocked");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpCommandException refusal = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], WithDotLines));

        Assert.Equal("DATA", refusal.Command);
        Assert.Equal(554, refusal.Code.Value);
        Assert.Equal("you are blocked", refusal.ServerText);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
        await server.Completion;
    }

    [Fact]
    public async Task A_refusal_of_the_last_chunk_followed_by_a_close_is_reported_as_the_refusal()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("CHUNKING");
            await s.AcceptEnvelopeAsync(Alice, Bob);
            await s.ExpectAsync($"BDAT {WithDotLines.Length} LAST");
            await s.ReadOctetsAsync(WithDotLines.Length);
            await s.ReplyAsync("554 5.6.0 spam");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpCommandException refusal = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], WithDotLines));

        Assert.Equal(554, refusal.Code.Value);
        Assert.Equal("spam", refusal.ServerText);
        await server.Completion;
    }

    [Fact]
    public async Task A_reply_that_comes_with_the_354_to_data_stops_the_client_before_the_message()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.AcceptEnvelopeAsync(Alice, Bob);
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("354 go ahead", "250 2.0.0 accepted before the data");
            Assert.Null(await s.ReadLineAsync());
        });
        SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpProtocolException error = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
        await client.DisposeAsync();

        Assert.StartsWith("The server sent more after its 354 to DATA", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    /// <summary>
    /// A reply more than the commands asked for, before the first BDAT: it would be taken for the chunk's (a refusal of
    /// the message read as its acceptance, and reported sent); the client stops before the chunk, as it does after a 354.
    /// </summary>
    [Fact]
    public async Task A_reply_that_comes_with_the_reply_to_rcpt_stops_the_client_before_the_first_chunk()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("CHUNKING");
            await s.ExpectAsync($"MAIL FROM:<{Alice}>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync($"RCPT TO:<{Bob}>");
            await s.ReplyAsync("250 OK", "250 2.0.0 sent before BDAT");
            Assert.Null(await s.ReadLineAsync());
        });
        SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpProtocolException error = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
        Assert.False(client.CanSend);
        await client.DisposeAsync();

        Assert.StartsWith("The server sent more after its reply to RCPT", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    /// <summary>
    /// A server that says 421 in the middle of the data (of DATA, or of a BDAT chunk) and stops reading: the write then
    /// times out, and the caller hears the 421 (the server's code and text), not only that the data could not be sent.
    /// </summary>
    [Theory]
    [InlineData(false, "the mail data")]
    [InlineData(true, "BDAT")]
    public async Task A_421_in_the_middle_of_the_data_is_reported_as_the_servers_reply(bool chunking, string command)
    {
        var clientDone = new TaskCompletionSource();
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync(chunking ? ["CHUNKING"] : []);
            await s.AcceptEnvelopeAsync(Alice, Bob);
            Assert.StartsWith(chunking ? "BDAT " : "DATA", await s.ReadLineAsync(), StringComparison.Ordinal);
            if (!chunking)
            {
                await s.ReplyAsync("354 go ahead");
            }

            await s.ReadOctetsAsync(1000);
            await s.ReplyAsync("421 4.4.2 Timeout, closing");
            await clientDone.Task.WaitAsync(TimeSpan.FromSeconds(30));   // reads no more: the client's writes fill the buffers
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(timeout: TimeSpan.FromSeconds(1)));
        byte[] large = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('x', 998) + "\r\n", 64 * 1024)));   // 64 MiB

        SmtpCommandException refusal = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], large));
        clientDone.SetResult();

        Assert.Equal((command, 421, "Timeout, closing"), (refusal.Command, refusal.Code.Value, refusal.ServerText));
        Assert.False(client.CanSend);
        await server.Completion;
    }

    [Fact]
    public async Task A_refusal_of_pipelined_mail_followed_by_a_close_is_reported_as_the_refusal()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING");
            await s.ExpectAsync($"MAIL FROM:<{Alice}>");
            await s.ExpectAsync($"RCPT TO:<{Bob}>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("554 5.7.1 blocked");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpCommandException refusal = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], WithDotLines));

        Assert.Equal("MAIL", refusal.Command);
        Assert.Equal(554, refusal.Code.Value);
        await server.Completion;
    }

    [Fact]
    public async Task Every_pipelined_recipient_refused_then_a_close_gives_the_recipients_results()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING");
            await s.ExpectAsync($"MAIL FROM:<{Alice}>");
            await s.ExpectAsync($"RCPT TO:<{Bob}>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("250 OK", "550 5.1.1 no such user");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], WithDotLines);

        Assert.False(result.IsSent);
        Assert.Equal(550, Assert.Single(result.Recipients).Reply.Code.Value);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
        await server.Completion;
    }

    [Fact]
    public async Task Rset_refused_after_every_recipient_was_refused_ends_the_conversation()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync($"MAIL FROM:<{Alice}>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync($"RCPT TO:<{Bob}>");
            await s.ReplyAsync("550 5.1.1 no such user");
            await s.ExpectAsync("RSET");
            await s.ReplyAsync("500 5.5.1 what?");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], WithDotLines);

        Assert.False(result.IsSent);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
    }

    [Fact]
    public async Task Every_recipient_refused_and_rset_refused_gives_the_recipients_results_and_ends_the_conversation()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync($"MAIL FROM:<{Alice}>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync($"RCPT TO:<{Bob}>");
            await s.ReplyAsync("550 5.1.1 no such user");
            await s.ExpectAsync("RSET");
            await s.ReplyAsync("421 4.3.2 shutting down");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], WithDotLines);

        Assert.Null(result.Reply);
        Assert.Equal(550, Assert.Single(result.Recipients).Reply.Code.Value);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
        await server.Completion;
    }

    [Theory]
    [InlineData("LOGIN")]
    [InlineData("PLAIN")]
    public async Task A_server_that_asks_on_after_the_mechanisms_last_message_is_cancelled_with_a_star(string mechanism)
    {
        string user = Convert.ToBase64String(Encoding.UTF8.GetBytes(Credentials.UserName));
        string password = Convert.ToBase64String(Encoding.UTF8.GetBytes(Credentials.Password));
        string plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{Credentials.UserName}\0{Credentials.Password}"));
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync($"AUTH {mechanism}");
            if (mechanism == "LOGIN")
            {
                await s.ExpectAsync("AUTH LOGIN");
                await s.ReplyAsync("334 VXNlcm5hbWU6");
                await s.ExpectAsync(user);
                await s.ReplyAsync("334 UGFzc3dvcmQ6");
                await s.ExpectAsync(password);
            }
            else
            {
                await s.ExpectAsync($"AUTH PLAIN {plain}");
            }

            // Once more, as if the server would go on for ever: the client has nothing more to say.
            await s.ReplyAsync("334 UGFzc3dvcmQ6");
            await s.ExpectAsync("*");
            await s.ReplyAsync("501 5.0.0 AUTH cancelled");
            await s.ExpectAsync("QUIT");   // the client leaves a conversation still in step with QUIT
            Assert.Null(await s.ReadLineAsync());
        });
        SmtpClientOptions options = ScriptedClient.Options(startTls: StartTlsMode.Never, credentials: Credentials, allowInsecureAuth: true);

        AuthenticationException error = await Assert.ThrowsAsync<AuthenticationException>(() => ScriptedClient.ConnectAsync(server, options));

        Assert.Equal($"{mechanism}: the server asks for more after the mechanism's last message.", error.Message);
        await server.Completion;
    }

    [Fact]
    public async Task A_challenge_that_is_not_base64_is_cancelled_with_a_star_and_the_client_says_QUIT()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("AUTH LOGIN");
            await s.ExpectAsync("AUTH LOGIN");
            await s.ReplyAsync("334 not base64!");
            await s.ExpectAsync("*");
            await s.ReplyAsync("501 5.0.0 AUTH cancelled");
            await s.ExpectAsync("QUIT");
            Assert.Null(await s.ReadLineAsync());
        });
        SmtpClientOptions options = ScriptedClient.Options(startTls: StartTlsMode.Never, credentials: Credentials, allowInsecureAuth: true);

        SmtpProtocolException error = await Assert.ThrowsAsync<SmtpProtocolException>(() => ScriptedClient.ConnectAsync(server, options));

        Assert.StartsWith("The server's AUTH challenge is not base64", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    [Fact]
    public async Task Xoauth2_answers_the_servers_error_once_and_cancels_a_second_challenge()
    {
        var token = new SmtpBearerToken("alice@example.com", "ya29.token");
        string initial = Convert.ToBase64String(Encoding.UTF8.GetBytes("user=alice@example.com\u0001auth=Bearer ya29.token\u0001\u0001"));
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("AUTH XOAUTH2");
            await s.ExpectAsync($"AUTH XOAUTH2 {initial}");
            await s.ReplyAsync("334 eyJzdGF0dXMiOiI0MDEifQ==");
            await s.ExpectAsync("");
            await s.ReplyAsync("334 eyJzdGF0dXMiOiI0MDEifQ==");
            await s.ExpectAsync("*");
            await s.ReplyAsync("501 5.0.0 AUTH cancelled");
            await s.ExpectAsync("QUIT");   // the client leaves a conversation still in step with QUIT
            Assert.Null(await s.ReadLineAsync());
        });
        var options = new SmtpClientOptions { ClientDomain = ScriptedSession.ClientDomain, StartTls = StartTlsMode.Never, BearerToken = token, AllowInsecureAuth = true };

        AuthenticationException error = await Assert.ThrowsAsync<AuthenticationException>(() => ScriptedClient.ConnectAsync(server, options));

        Assert.Equal("XOAUTH2: the server asks for more after the mechanism's last message.", error.Message);
        await server.Completion;
    }

    [Fact]
    public async Task The_first_challenge_to_a_client_whose_initial_response_did_not_fit_on_auth_gets_it_whatever_it_says()
    {
        // A password so long that AUTH PLAIN with the initial response would pass 512 octets (RFC 4954 §4).
        var credentials = new NetworkCredential("alice", new string('p', 400));
        string plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0alice\0{credentials.Password}"));
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("AUTH PLAIN");
            await s.ExpectAsync("AUTH PLAIN");
            await s.ReplyAsync("334 Go ahead");
            await s.ExpectAsync(plain);
            await s.ReplyAsync("235 2.7.0 Authentication successful");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        SmtpClientOptions options = ScriptedClient.Options(startTls: StartTlsMode.Never, credentials: credentials, allowInsecureAuth: true);

        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, options);
        await client.QuitAsync();

        await server.Completion;
    }

    [Fact]
    public async Task Over_a_stream_without_a_tls_server_name_starttls_is_refused_before_it_is_sent()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("STARTTLS");
            Assert.Null(await s.ReadLineAsync());
        });
        var connection = new TcpClient();
        await connection.ConnectAsync(IPAddress.Loopback, server.Port);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => SmtpClient.ConnectAsync(connection.GetStream(), ScriptedClient.Options()));

        Assert.Contains("TlsServerName", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    [Fact]
    public async Task A_quit_that_fails_still_closes_the_connection()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("QUIT");
            Assert.Null(await s.ReadLineAsync());
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(timeout: TimeSpan.FromSeconds(1)));

        await Assert.ThrowsAsync<TimeoutException>(() => client.QuitAsync());

        await server.Completion;
    }

    [Fact]
    public async Task A_refusal_shows_the_servers_control_characters_escaped_in_its_message_and_keeps_them_in_its_text()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync($"MAIL FROM:<{Alice}>");
            await s.ReplyAsync("550 no\u009B2J\u009D0;owned\u009C user");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpCommandException refusal = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
        await client.QuitAsync();

        Assert.Equal(@"The server refused MAIL: 550 no\x9B2J\x9D0;owned\x9C user", refusal.Message);
        Assert.Equal("no\u009B2J\u009D0;owned\u009C user", refusal.ServerText);
        await server.Completion;
    }

    [Fact]
    public async Task A_reply_ended_by_a_bare_line_feed_is_refused_at_once_not_waited_for()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.SendRawAsync("220 lf.test ready\n");
            await s.WaitForCloseAsync();
        });

        // The greeting's timeout is long: the refusal must come from the LF, not from the wait.
        SmtpProtocolException error = await Assert.ThrowsAsync<SmtpProtocolException>(
            () => ScriptedClient.ConnectAsync(server, ScriptedClient.Options(timeout: TimeSpan.FromSeconds(30))));

        Assert.Equal("The server ended a reply line with a bare LF, not CRLF (RFC 5321 §2.3.8): \"220 lf.test ready\".", error.Message);
        await server.Completion;
    }

    [Fact]
    public async Task Control_characters_from_the_server_reach_the_transcript_and_the_error_escaped()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.SendRawAsync("220 hi\x1b[2J\x1b]0;owned\x07\rS: 250 spoofed\r\n");
            await s.WaitForCloseAsync();
        });
        var transcript = new StringWriter { NewLine = "\n" };

        SmtpProtocolException error = await Assert.ThrowsAsync<SmtpProtocolException>(
            () => ScriptedClient.ConnectAsync(server, ScriptedClient.Options(new TextWriterTranscript(transcript))));

        const string Shown = @"220 hi\x1B[2J\x1B]0;owned\x07\x0DS: 250 spoofed";
        Assert.Equal($"S: {Shown}\n", transcript.ToString());
        Assert.Contains(Shown + "\"", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    [Fact]
    public async Task Bidirectional_overrides_from_the_server_reach_the_transcript_and_the_error_escaped()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.ReplyAsync("554 5.7.1 refused \u202Edenifer\u202C \u2066ok\u2069");
            await s.ExpectAsync("QUIT");
            Assert.Null(await s.ReadLineAsync());
        });
        var transcript = new StringWriter { NewLine = "\n" };

        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(
            () => ScriptedClient.ConnectAsync(server, ScriptedClient.Options(new TextWriterTranscript(transcript))));

        const string Shown = @"554 5.7.1 refused \u202Edenifer\u202C \u2066ok\u2069";
        Assert.StartsWith($"S: {Shown}\n", transcript.ToString(), StringComparison.Ordinal);
        Assert.Contains(Shown, error.Message, StringComparison.Ordinal);
        Assert.Equal("refused \u202Edenifer\u202C \u2066ok\u2069", error.ServerText);
        await server.Completion;
    }
}
