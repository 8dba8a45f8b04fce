using System.Text;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>
/// <see cref="SmtpServerOptions.PolicyTimeout"/>: a policy hook or a user store that does not answer in time has its
/// token cancelled, and the command gets its failure's reply while the session goes on.
/// </summary>
public class PolicyTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);

    /// <summary>A policy whose hooks wait, as a directory that no longer answers, until their token is cancelled.</summary>
    private sealed class UnansweringPolicy(bool client = false, bool sender = false, bool recipient = false) : SmtpPolicy
    {
        public override async ValueTask<SmtpResponse> AcceptClientAsync(SmtpSessionInfo session, CancellationToken cancellationToken)
        {
            await WaitIfAsync(client, cancellationToken);
            return SmtpResponse.Accept;
        }

        public override async ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken)
        {
            await WaitIfAsync(sender && reversePath.StartsWith("slow@", StringComparison.Ordinal), cancellationToken);
            return SmtpResponse.Accept;
        }

        public override async ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken)
        {
            await WaitIfAsync(recipient && forwardPath.StartsWith("slow@", StringComparison.Ordinal), cancellationToken);
            return SmtpResponse.Accept;
        }

        private static Task WaitIfAsync(bool wait, CancellationToken cancellationToken) =>
            wait ? Task.Delay(System.Threading.Timeout.Infinite, cancellationToken) : Task.CompletedTask;
    }

    private static TestServer Start(SmtpPolicy policy, ILoggerFactory? loggerFactory = null) =>
        TestServer.Start(options => options.PolicyTimeout = Timeout, policy: policy, loggerFactory: loggerFactory);

    [Fact]
    public async Task A_sender_or_recipient_hook_that_does_not_answer_in_time_gets_451_and_the_session_goes_on()
    {
        var recorded = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(recorded));
        await using TestServer server = Start(new UnansweringPolicy(sender: true, recipient: true), loggerFactory);
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");

        Assert.Equal("451 4.3.0 Requested action aborted: local error in processing", await client.CommandAsync("MAIL FROM:<slow@example.com>"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("451 4.3.0 Requested action aborted: local error in processing", await client.CommandAsync("RCPT TO:<slow@example.com>"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<b@example.com>"));

        // The deadline that timed out a hook does not cut the next wait for the client short.
        await Task.Delay(Timeout * 2);
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Subject: in time\r\n\r\nHello.\r\n."));
        Assert.Single(server.Memory.Messages);
        Assert.Equal(2, recorded.Entries.Count(e => e.Level == LogLevel.Error && e.Message.StartsWith("A policy hook or the user store did not answer within 00:00:00.3", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_client_hook_that_does_not_answer_in_time_gets_the_client_421_and_the_close()
    {
        await using TestServer server = Start(new UnansweringPolicy(client: true));
        await using RawClient client = await server.ConnectAsync();
        Assert.Equal("421 Service not available, closing transmission channel", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedAsync());
    }

    /// <summary>A user store that no longer answers.</summary>
    private sealed class UnansweringUsers : SmtpUserStore
    {
        public override async ValueTask<ScramCredential?> FindAsync(string userName, CancellationToken cancellationToken)
        {
            await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
            return null;
        }
    }

    [Fact]
    public async Task A_user_store_that_does_not_answer_in_time_gets_auth_454_and_the_session_goes_on()
    {
        await using TestServer server = TestServer.Start(options =>
        {
            options.PolicyTimeout = Timeout;
            options.Authentication = new SmtpAuthenticationOptions { Users = new UnansweringUsers(), AllowInsecureAuth = true };
        });
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        string plain = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0alice\0secret"));
        Assert.StartsWith("454 4.7.0 ", await client.CommandAsync("AUTH PLAIN " + plain));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_bearer_token_validator_that_does_not_answer_in_time_gets_auth_454_and_the_session_goes_on()
    {
        await using TestServer server = TestServer.Start(options =>
        {
            options.PolicyTimeout = Timeout;
            options.Authentication = new SmtpAuthenticationOptions
            {
                AllowInsecureAuth = true,
                ValidateBearerToken = static async (_, _, cancellationToken) =>
                {
                    await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
                    return true;
                },
            };
        });
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        string response = Convert.ToBase64String(Encoding.UTF8.GetBytes("user=alice\u0001auth=Bearer ya29.token\u0001\u0001"));
        Assert.StartsWith("454 4.7.0 ", await client.CommandAsync("AUTH XOAUTH2 " + response));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public void A_policy_timeout_of_zero_stops_the_server_from_starting()
    {
        var options = new SmtpServerOptions { PolicyTimeout = TimeSpan.Zero };
        Assert.Contains("PolicyTimeout", Assert.ThrowsAny<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }
}
