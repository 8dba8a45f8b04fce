namespace SmtpGen.Server.Tests;

/// <summary>Policy hooks: the server sends the refusal a policy chooses, and a refused recipient does not fail the others.</summary>
public class PolicyTests
{
    private sealed class ExamplePolicy : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptClientAsync(SmtpSessionInfo session, CancellationToken cancellationToken) =>
            ValueTask.FromResult(SmtpResponse.Accept);

        public override async ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return reversePath.EndsWith("@spam.example", StringComparison.Ordinal)
                ? SmtpResponse.Refuse(550, "5.7.1", "Sender rejected by policy")
                : SmtpResponse.Accept;
        }

        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forwardPath.StartsWith("nobody@", StringComparison.Ordinal)
                ? SmtpResponse.Refuse(550, "5.1.1", "No such user here")
                : forwardPath.StartsWith("throws@", StringComparison.Ordinal)
                    ? throw new InvalidOperationException("the directory is down")
                    : SmtpResponse.Accept);
    }

    /// <summary>A mailbox of 1,000 octets left: a message declared larger is refused at RCPT (RFC 1870 §6.2).</summary>
    private sealed class QuotaPolicy : SmtpPolicy
    {
        public List<long?> SeenBySender { get; } = [];

        public override ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken)
        {
            SeenBySender.Add(session.DeclaredMessageSize);
            return ValueTask.FromResult(SmtpResponse.Accept);
        }

        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(session.DeclaredMessageSize > 1000 ? SmtpResponse.Refuse(452, "4.2.2", "Mailbox full") : SmtpResponse.Accept);
    }

    [Fact]
    public async Task The_hooks_see_the_size_MAIL_declared_for_its_transaction_only()
    {
        var policy = new QuotaPolicy();
        await using TestServer server = TestServer.Start(policy: policy);
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");

        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<a@example.com> SIZE=2000"), StringComparison.Ordinal);
        Assert.Equal("452 4.2.2 Mailbox full", await client.CommandAsync("RCPT TO:<b@example.com>"));
        Assert.StartsWith("250 ", await client.CommandAsync("RSET"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<a@example.com>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<b@example.com>"), StringComparison.Ordinal);

        Assert.Equal([2000, null], policy.SeenBySender);
    }

    [Fact]
    public async Task A_refused_sender_gets_the_policys_reply_and_may_try_another()
    {
        await using TestServer server = TestServer.Start(policy: new ExamplePolicy());
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        Assert.Equal("550 5.7.1 Sender rejected by policy", await client.CommandAsync("MAIL FROM:<x@spam.example>"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<x@example.com>"));
    }

    [Fact]
    public async Task A_refused_recipient_does_not_fail_the_others_and_a_failing_hook_gives_451()
    {
        await using TestServer server = TestServer.Start(policy: new ExamplePolicy());
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        await client.CommandAsync("MAIL FROM:<x@example.com>");
        Assert.Equal("550 5.1.1 No such user here", await client.CommandAsync("RCPT TO:<nobody@example.com>"));
        Assert.Equal("451 4.3.0 Requested action aborted: local error in processing", await client.CommandAsync("RCPT TO:<throws@example.com>"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("hi\r\n."));
        Assert.Equal(["bob@example.com"], server.Memory.Messages.Single().Envelope.Recipients);
    }

    [Fact]
    public async Task When_every_recipient_is_refused_DATA_is_a_bad_sequence()
    {
        await using TestServer server = TestServer.Start(policy: new ExamplePolicy());
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        await client.CommandAsync("MAIL FROM:<x@example.com>");
        await client.CommandAsync("RCPT TO:<nobody@example.com>");
        Assert.Equal("503 5.5.1 Bad sequence of commands", await client.CommandAsync("DATA"));
    }

    [Fact]
    public async Task A_refused_client_gets_the_refusal_instead_of_the_greeting_then_503_until_it_quits()
    {
        // RFC 5321 §3.1: after a 554 greeting the server waits for QUIT and answers anything else with 503.
        await using TestServer server = TestServer.Start(policy: new RefuseEveryone());
        await using RawClient client = await server.ConnectAsync();
        Assert.Equal("554 No SMTP service here", await client.ReadReplyAsync());
        Assert.Equal("503 Bad sequence of commands", await client.CommandAsync("EHLO c.example.com"));
        Assert.Equal("503 Bad sequence of commands", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("221 Bye", await client.CommandAsync("QUIT"));
        Assert.True(await client.IsClosedAsync());
    }

    private sealed class RefuseEveryone : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptClientAsync(SmtpSessionInfo session, CancellationToken cancellationToken) =>
            ValueTask.FromResult(SmtpResponse.Refuse(554, "5.7.1", "No SMTP service here"));
    }

    [Fact]
    public async Task A_policy_that_blocks_over_one_client_does_not_hold_up_the_next_connection()
    {
        // A session starts on the accept loop's thread; a policy of the user's may block, so it is asked on the pool.
        using var gate = new FirstCallGate();
        await using TestServer server = TestServer.Start(policy: new GatedPolicy(gate));
        await using RawClient first = await server.ConnectAsync();
        Assert.True(gate.FirstIsWaiting.Wait(TimeSpan.FromSeconds(30)), "the first client's policy call did not start");

        await using RawClient second = await server.ConnectAsync();
        Assert.StartsWith("220 ", await second.ReadReplyAsync());

        gate.Release.Set();
        Assert.StartsWith("220 ", await first.ReadReplyAsync());
    }

    /// <summary>Holds its thread over the first client until released, as a policy that calls a slow directory synchronously would.</summary>
    private sealed class GatedPolicy(FirstCallGate gate) : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptClientAsync(SmtpSessionInfo session, CancellationToken cancellationToken)
        {
            gate.Pass(cancellationToken);
            return ValueTask.FromResult(SmtpResponse.Accept);
        }
    }

    /// <summary>Answers a sender or recipient whose mailbox starts with <c>CODE@</c> with that code's reply.</summary>
    private sealed class RepliesByMailbox : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ReplyFor(reversePath));

        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ReplyFor(forwardPath));

        private static SmtpResponse ReplyFor(string mailbox) => mailbox.Split('@')[0] switch
        {
            "251" => SmtpResponse.Reply(251, "2.1.5", "User not local; will forward"),
            "250" => SmtpResponse.Reply(250, "2.1.0", "Sender fine by policy"),
            "plain" => SmtpResponse.Reply(250, null, "Fine by policy"),
            "354" => SmtpResponse.Reply(354, null, "go ahead"),
            "421" => SmtpResponse.Refuse(421, "4.3.2", "Closing now"),
            _ => SmtpResponse.Accept,
        };
    }

    [Fact]
    public async Task A_policy_that_accepts_in_its_own_words_keeps_the_sender_and_the_recipient()
    {
        // RFC 5321 §3.4: 251 accepts a recipient the server will forward; the message must be delivered to it.
        await using TestServer server = TestServer.Start(policy: new RepliesByMailbox());
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        Assert.Equal("250 2.1.0 Sender fine by policy", await client.CommandAsync("MAIL FROM:<250@example.com>"));
        Assert.Equal("251 2.1.5 User not local; will forward", await client.CommandAsync("RCPT TO:<251@elsewhere.example>"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        // Without an enhanced status code of the policy's, the recipient's "valid" (RFC 3463 X.1.5), as RFC 2034 asks after EHLO.
        Assert.Equal("250 2.1.5 Fine by policy", await client.CommandAsync("RCPT TO:<plain@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("hi\r\n."));

        MessageEnvelope envelope = server.Memory.Messages.Single().Envelope;
        Assert.Equal("250@example.com", envelope.ReversePath);
        Assert.Equal(["251@elsewhere.example", "bob@example.com", "plain@example.com"], envelope.Recipients);
    }

    [Fact]
    public async Task A_policy_that_answers_an_intermediate_reply_is_taken_as_failing_with_451()
    {
        await using TestServer server = TestServer.Start(policy: new RepliesByMailbox());
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        Assert.Equal("451 4.3.0 Requested action aborted: local error in processing", await client.CommandAsync("MAIL FROM:<354@example.com>"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
    }

    [Fact]
    public async Task A_policys_421_closes_the_connection_as_it_says()
    {
        // RFC 5321 §3.8: 421 is "closing transmission channel".
        await using TestServer server = TestServer.Start(policy: new RepliesByMailbox());
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        await client.CommandAsync("MAIL FROM:<a@example.com>");
        Assert.Equal("421 4.3.2 Closing now", await client.CommandAsync("RCPT TO:<421@example.com>"));
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task A_client_refused_with_421_is_closed_at_once()
    {
        await using TestServer closing = TestServer.Start(policy: new GreetsWith(SmtpResponse.Refuse(421, "4.3.2", "Too busy")));
        await using RawClient client = await closing.ConnectAsync();
        Assert.Equal("421 Too busy", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Theory]
    [InlineData(450, "4.7.1", "421 Try again later")]
    [InlineData(550, "5.7.1", "554 Try again later")]
    [InlineData(554, "5.7.1", "554 Try again later")]
    public async Task A_greeting_refusal_is_a_421_or_a_554_in_the_policys_words(int code, string enhanced, string greeting)
    {
        // RFC 5321 §4.3.2: the greeting is 220 or 554, and 421 may come at any time; a 450 or 550 is no greeting.
        await using TestServer server = TestServer.Start(policy: new GreetsWith(SmtpResponse.Refuse(code, enhanced, "Try again later")));
        await using RawClient client = await server.ConnectAsync();

        Assert.Equal(greeting, await client.ReadReplyAsync());
        if (greeting.StartsWith("421", StringComparison.Ordinal))
        {
            Assert.True(await client.IsClosedAsync());
        }
        else
        {
            Assert.StartsWith("503 ", await client.CommandAsync("EHLO client.example.com"));
        }
    }

    [Theory]
    [InlineData(250)]
    [InlineData(354)]
    [InlineData(0)]   // the hook throws
    public async Task A_greeting_policy_that_fails_gets_the_client_421_and_the_close_never_a_451(int code)
    {
        // RFC 5321 §4.3.2: the greeting is 220 or 554; 421 may come at any time. A 451 is no greeting.
        SmtpResponse answer = code == 0 ? SmtpResponse.Accept : SmtpResponse.Reply(code, null, "hello");
        await using TestServer server = TestServer.Start(policy: new GreetsWith(answer, throws: code == 0));
        await using RawClient client = await server.ConnectAsync();

        Assert.Equal("421 Service not available, closing transmission channel", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedAsync());
    }

    private sealed class GreetsWith(SmtpResponse response, bool throws = false) : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptClientAsync(SmtpSessionInfo session, CancellationToken cancellationToken) =>
            throws ? throw new InvalidOperationException("The directory is down.") : ValueTask.FromResult(response);
    }

    [Theory]
    [InlineData(250, "2.0.0", "fine")]
    [InlineData(550, "4.1.1", "wrong class")]
    [InlineData(550, "5.1", "not a code")]
    public void A_refusal_needs_a_negative_code_and_an_enhanced_code_of_its_class(int code, string enhanced, string text)
    {
        Assert.ThrowsAny<ArgumentException>(() => SmtpResponse.Refuse(code, enhanced, text));
    }

    [Fact]
    public void A_refusal_text_cannot_inject_a_reply_line()
    {
        Assert.Throws<ArgumentException>(() => SmtpResponse.Refuse(550, "5.1.1", "no\r\n250 OK"));
    }
}
