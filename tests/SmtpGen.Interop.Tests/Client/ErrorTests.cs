using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using SmtpGen.Smtp;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>Refusals, broken replies, timeouts, cancellation and invalid arguments.</summary>
public class ErrorTests
{
    [Fact]
    public async Task A_refused_Mail_throws_with_code_enhanced_code_and_text_and_the_session_goes_on()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("ENHANCEDSTATUSCODES");
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("550-5.7.1 Sender rejected by policy", "550 5.7.1 See https://example.test/policy");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 2.0.0 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
        await client.QuitAsync();

        Assert.Equal("MAIL", error.Command);
        Assert.Equal(550, error.Code.Value);
        Assert.Equal(new EnhancedStatusCode(5, 7, 1), error.EnhancedStatusCode);
        Assert.Equal("Sender rejected by policy\nSee https://example.test/policy", error.ServerText);
        await server.Completion;
    }

    [Fact]
    public async Task A_refused_message_throws_with_the_reply_to_its_end()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("354 go ahead");
            await s.ReadDataAsync();
            await s.ReplyAsync("554 5.6.0 Message looks like spam");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], WithDotLines));

        Assert.Equal(554, error.Code.Value);
        Assert.Equal(new EnhancedStatusCode(5, 6, 0), error.EnhancedStatusCode);
        Assert.Equal("Message looks like spam", error.ServerText);
    }

    [Fact]
    public async Task A_reply_of_endless_lines_is_a_protocol_violation_not_a_memory_leak()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.SendRawAsync("220 endless.test\r\n");
            await s.ExpectAsync("EHLO client.test");
            await s.SendRawAsync(string.Concat(Enumerable.Repeat("250-KEYWORD\r\n", 1001)) + "250 END\r\n");
            // Out of step after a malformed reply: the client leaves without a word, not even QUIT.
            Assert.Null(await s.ReadLineAsync());
        });

        SmtpProtocolException error = await Assert.ThrowsAsync<SmtpProtocolException>(() => ScriptedClient.ConnectAsync(server));
        Assert.Contains("more than 1000 lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_stream_that_fails_mid_data_ends_the_conversation_for_every_later_call()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("354 go ahead");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        await Assert.ThrowsAsync<IOException>(() => client.SendAsync(Alice, [Bob], new FailingStream()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
    }

    /// <summary>A message stream whose disk fails after the first block.</summary>
    private sealed class FailingStream : Stream
    {
        private bool _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read)
            {
                throw new IOException("the disk failed");
            }

            _read = true;
            ReadOnlySpan<byte> block = "Subject: half\r\n\r\nfirst block\r\n"u8;
            block.CopyTo(buffer.AsSpan(offset, count));
            return block.Length;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData("22O not a code\r\n")]
    [InlineData("220-one code\r\n250 another code\r\n")]
    [InlineData("220 a bare\nline feed\r\n")]
    [InlineData("220 no line ending")]
    public async Task A_malformed_greeting_is_a_protocol_violation(string greeting)
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.SendRawAsync(greeting);
            if (!greeting.EndsWith('\n'))
            {
                return; // and close: the reply never ends
            }

            await s.WaitForCloseAsync();
        });

        await Assert.ThrowsAsync<SmtpProtocolException>(() => ScriptedClient.ConnectAsync(server));
    }

    [Fact]
    public async Task A_421_ends_the_conversation_whatever_the_command()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("421 4.3.2 Shutting down");
        });
        var transcript = new StringWriter { NewLine = "\n" };
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(new TextWriterTranscript(transcript)));

        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], WithDotLines));

        Assert.Equal(421, error.Code.Value);
        string before = transcript.ToString();
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
        await server.Completion;
        // The transcript shows no command that was never sent.
        Assert.Equal(before, transcript.ToString());
        Assert.EndsWith("S: 421 4.3.2 Shutting down\n", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_closed_instead_of_a_reply_is_a_protocol_violation()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        await Assert.ThrowsAsync<SmtpProtocolException>(() => client.SendAsync(Alice, [Bob], WithDotLines));
        await server.Completion;
    }

    [Fact]
    public async Task A_server_that_does_not_greet_in_time_is_a_timeout()
    {
        await using var server = ScriptedServer.Start(s => s.WaitForCloseAsync());

        await Assert.ThrowsAsync<TimeoutException>(
            () => ScriptedClient.ConnectAsync(server, ScriptedClient.Options(timeout: TimeSpan.FromMilliseconds(200))));
        await server.Completion;
    }

    [Fact]
    public async Task A_timeout_too_long_for_a_timer_is_no_limit()
    {
        // TimeSpan.MaxValue is past what CancelAfter counts (49.7 days); it once made every wait throw. The connection,
        // the greeting, EHLO and QUIT each wait once, as every command and reply does.
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 fake.test closing");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(timeout: TimeSpan.MaxValue));

        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Cancelling_a_wait_for_a_reply_ends_the_conversation_with_the_callers_token_in_the_exception()
    {
        var mailReceived = new TaskCompletionSource();
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            mailReceived.SetResult();
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        using var cancellation = new CancellationTokenSource();

        Task<SmtpSendResult> sending = client.SendAsync(Alice, [Bob], WithDotLines, cancellation.Token);
        await mailReceived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        OperationCanceledException cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Equal(cancellation.Token, cancelled.CancellationToken);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], WithDotLines));

        // QUIT has nothing to end: it throws, and the connection is closed.
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.QuitAsync());
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_sender_as_long_as_the_Mail_line_allows_is_sent()
    {
        // All the room a MAIL line leaves, more than a whole RCPT line may take.
        int room = SmtpProtocol.MaxMailLine - "MAIL FROM:<>\r\n".Length;
        Assert.True(room > SmtpProtocol.MaxRcptLine);
        string from = new string('a', room - "@example.com".Length) + "@example.com";
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.AcceptMessageAsync(from, Bob);
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(from, [Bob], WithDotLines);

        Assert.True(result.IsSent);
        await server.Completion;
    }

    /// <summary>Addresses the writers refuse: not addresses, a line break, and addresses too long for any command line.</summary>
    public static TheoryData<string, string> InvalidAddresses => new()
    {
        { "alice@example.com", "not an address" },
        { "alice@example.com", "bob@example.com>\r\nDATA" },
        { "alice at example.com", "bob@example.com" },
        { "alice@example.com", new string('b', 1100) + "@example.com" },
        { new string('a', 1200) + "@example.com", "bob@example.com" },
    };

    [Theory]
    [MemberData(nameof(InvalidAddresses))]
    public async Task An_invalid_address_throws_before_anything_is_sent(string from, string to)
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.AcceptMessageAsync(Carol, Dave);
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        ArgumentException refusal = await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(from, [Bob, to], WithDotLines));
        SmtpSendResult next = await client.SendAsync(Carol, [Dave], WithDotLines);

        // The message names the address at fault, control characters shown as \xNN.
        (string role, string address, string parameter) = from.StartsWith("alice@", StringComparison.Ordinal) && from.Length < 100 ? ("recipient", to, "recipients") : ("sender", from, "from");
        Assert.StartsWith($"The {role} \"{address.Replace("\r", "\\x0D", StringComparison.Ordinal).Replace("\n", "\\x0A", StringComparison.Ordinal)}\" cannot be sent", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(parameter, refusal.ParamName);

        Assert.True(next.IsSent);
        await server.Completion;
    }
}
