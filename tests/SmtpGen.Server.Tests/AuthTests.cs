using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>AUTH (RFC 4954) on the server: PLAIN, LOGIN and XOAUTH2 over sockets, each refusal with its reply code.</summary>
public class AuthTests
{
    private const string Password = "correct horse battery staple";

    private static readonly MemoryUserStore Users = CreateUsers();

    /// <summary>AUTH over plaintext, so that the exchanges can be read; <see cref="Over_plaintext_auth_is_offered_only_when_allowed"/> covers TLS.</summary>
    private static void Insecure(SmtpServerOptions options) => options.Authentication = new SmtpAuthenticationOptions
    {
        Users = Users,
        AllowInsecureAuth = true,
        FailureDelay = TimeSpan.FromMilliseconds(20),
        ValidateBearerToken = static (user, token, _) => ValueTask.FromResult(user == "alice" && token == "ya29.token"),
    };

    [Fact]
    public void Auth_with_nobody_to_check_against_or_without_tls_stops_the_server_from_starting()
    {
        var nobody = new SmtpServerOptions { Certificate = TestCertificate.Server, Authentication = new SmtpAuthenticationOptions() };
        Assert.Contains("neither a user store", Assert.Throws<ArgumentException>(nobody.Validate).Message, StringComparison.Ordinal);

        var plaintext = new SmtpServerOptions { Authentication = new SmtpAuthenticationOptions { Users = Users } };
        Assert.Contains("only over TLS", Assert.Throws<ArgumentException>(plaintext.Validate).Message, StringComparison.Ordinal);

        var twoSources = new SmtpServerOptions
        {
            Certificate = TestCertificate.Server,
            Authentication = new SmtpAuthenticationOptions { Users = Users, ValidatePassword = static (_, _, _) => ValueTask.FromResult(true) },
        };
        Assert.Contains("two sources of passwords", Assert.Throws<ArgumentException>(twoSources.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_validator_checks_plain_and_login_and_scram_which_needs_verifiers_is_not_offered()
    {
        List<(string User, string Password)> asked = [];
        await using var server = TestServer.Start(options => options.Authentication = new SmtpAuthenticationOptions
        {
            AllowInsecureAuth = true,
            FailureDelay = TimeSpan.FromMilliseconds(20),
            ValidatePassword = (user, password, _) =>
            {
                lock (asked)
                {
                    asked.Add((user, password));
                }

                return ValueTask.FromResult(user == "carol" && password == "from the directory");
            },
        });
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.Contains("250-AUTH PLAIN LOGIN\n", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("504 5.5.4 ", await client.CommandAsync("AUTH SCRAM-SHA-256"));

        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync("AUTH PLAIN " + Plain("carol", "a guess")));
        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync("AUTH PLAIN " + Plain("", "from the directory")));
        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync("AUTH PLAIN " + Plain("carol", "")));
        Assert.Equal("334 VXNlcm5hbWU6", await client.CommandAsync("AUTH LOGIN"));
        Assert.Equal("334 UGFzc3dvcmQ6", await client.CommandAsync(Base64("carol")));
        Assert.StartsWith("235 2.7.0 ", await client.CommandAsync(Base64("from the directory")));

        // An empty user name is nobody's, and an empty password nobody's either (an LDAP bind with one is anonymous):
        // the validator is not asked about them.
        Assert.Equal([("carol", "a guess"), ("carol", "from the directory")], asked);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<carol@example.com>"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Hi\r\n."));
        Assert.Equal("carol", server.Memory.Messages.Single().Envelope.AuthenticatedUser);
    }

    [Fact]
    public async Task Over_plaintext_auth_is_offered_only_when_allowed()
    {
        await using var server = TestServer.Start(options =>
        {
            options.Certificate = TestCertificate.Server;
            options.Authentication = new SmtpAuthenticationOptions { Users = Users };
        });
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.DoesNotContain("AUTH", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("538 5.7.11 ", await client.CommandAsync("AUTH PLAIN " + Plain("alice", Password)));

        await client.CommandAsync("STARTTLS");
        await client.StartTlsAsync();
        Assert.Contains("250-AUTH SCRAM-SHA-256 PLAIN LOGIN", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("235 2.7.0 ", await client.CommandAsync("AUTH PLAIN " + Plain("alice", Password)));
    }

    [Fact]
    public async Task Plain_with_an_initial_response_authenticates_and_the_user_goes_into_the_envelope()
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);
        Assert.StartsWith("235 2.7.0 ", await client.CommandAsync("AUTH PLAIN " + Plain("alice", Password)));
        Assert.StartsWith("503 5.5.1 ", await client.CommandAsync("AUTH PLAIN " + Plain("alice", Password)));

        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com> AUTH=alice+40example.com"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Hi\r\n."));

        MessageEnvelope envelope = server.Memory.Messages.Single().Envelope;
        Assert.Equal("alice", envelope.AuthenticatedUser);
        Assert.Equal("alice@example.com", envelope.Submitter);
    }

    [Fact]
    public async Task Plain_without_an_initial_response_gets_an_empty_challenge()
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);
        Assert.Equal("334 ", await client.CommandAsync("AUTH PLAIN"));
        Assert.StartsWith("235 ", await client.CommandAsync(Plain("alice", Password)));
    }

    [Fact]
    public async Task Login_asks_for_the_user_name_then_the_password()
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);
        Assert.Equal("334 VXNlcm5hbWU6", await client.CommandAsync("auth login"));
        Assert.Equal("334 UGFzc3dvcmQ6", await client.CommandAsync(Base64("alice")));
        Assert.StartsWith("235 ", await client.CommandAsync(Base64(Password)));
    }

    [Fact]
    public async Task Xoauth2_takes_a_token_the_validator_accepts()
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);
        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync("AUTH XOAUTH2 " + Base64("user=alice\u0001auth=Bearer stolen\u0001\u0001")));
        Assert.StartsWith("235 ", await client.CommandAsync("AUTH XOAUTH2 " + Base64("user=alice\u0001auth=Bearer ya29.token\u0001\u0001")));
    }

    [Theory]
    [InlineData("AUTH CRAM-MD5", "504 5.5.4 ")]
    [InlineData("AUTH PLAIN =AAA", "501 5.5.2 ")]
    [InlineData("AUTH PLAIN AAA=BBBB", "501 5.5.2 ")]
    [InlineData("AUTH PLAIN !!!!", "501 5.5.4 ")]
    [InlineData("AUTH", "501 5.5.4 ")]
    public async Task A_malformed_auth_is_refused_with_its_code(string line, string reply)
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);
        Assert.StartsWith(reply, await client.CommandAsync(line));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Plain_without_its_nuls_fails_as_wrong_credentials_do()
    {
        await using var server = TestServer.Start(options =>
        {
            Insecure(options);
            options.Authentication!.MaxFailures = 5;
        });
        await using RawClient client = await ReadyAsync(server);
        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync("AUTH PLAIN " + Base64("alice" + Password)));
        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync("AUTH PLAIN " + Plain("alice", "wrong")));
        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync("AUTH PLAIN " + Base64("mallory\0alice\0" + Password)));
    }

    [Fact]
    public async Task Auth_before_ehlo_or_in_a_transaction_is_out_of_sequence()
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.StartsWith("503 ", await client.CommandAsync("AUTH PLAIN " + Plain("alice", Password)));
        await client.CommandAsync("EHLO client.example.com");
        await client.CommandAsync("MAIL FROM:<alice@example.com>");
        Assert.StartsWith("503 ", await client.CommandAsync("AUTH PLAIN " + Plain("alice", Password)));
    }

    [Fact]
    public async Task A_star_cancels_the_exchange_and_bad_base64_ends_it()
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);
        Assert.Equal("334 ", await client.CommandAsync("AUTH PLAIN"));
        Assert.StartsWith("501 5.0.0 ", await client.CommandAsync("*"));
        Assert.Equal("334 ", await client.CommandAsync("AUTH PLAIN"));
        Assert.StartsWith("501 5.5.2 ", await client.CommandAsync("not base64!"));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_response_longer_than_12288_octets_is_refused_and_a_long_auth_line_too()
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);
        Assert.Equal("334 ", await client.CommandAsync("AUTH PLAIN"));
        Assert.StartsWith("500 5.5.6 ", await client.CommandAsync(new string('A', 12_292)));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));

        // RFC 4954 §4: the AUTH command itself keeps SMTP's 512 octets; a 100 KB initial response is a line too long.
        Assert.StartsWith("500 5.5.2 ", await client.CommandAsync("AUTH PLAIN " + new string('A', 100_000)));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_client_that_tries_each_password_mechanism_with_a_wrong_password_hears_535_each_time_by_default()
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);

        string serverFirst = await client.CommandAsync("AUTH SCRAM-SHA-256 " + Base64("n,,n=alice,r=0123456789abcdef"));
        Assert.StartsWith("334 ", serverFirst);
        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync(Base64($"c=biws,r={ServerNonce(serverFirst)},p={Convert.ToBase64String(new byte[32])}")));
        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync("AUTH PLAIN " + Plain("alice", "wrong")));
        Assert.Equal("334 VXNlcm5hbWU6", await client.CommandAsync("AUTH LOGIN"));
        Assert.Equal("334 UGFzc3dvcmQ6", await client.CommandAsync(Base64("alice")));
        Assert.StartsWith("535 5.7.8 ", await client.CommandAsync(Base64("wrong")));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
    }

    /// <summary>The nonce of SCRAM's server-first-message (<c>r=...,s=...,i=...</c>) in a 334 challenge.</summary>
    private static string ServerNonce(string challenge)
    {
        string message = Encoding.UTF8.GetString(Convert.FromBase64String(challenge[4..]));
        return message.Split(',')[0][2..];
    }

    [Fact]
    public async Task A_failure_is_a_warning_that_names_the_user_as_shown_safely_and_the_clients_address()
    {
        var log = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));
        await using var server = TestServer.Start(Insecure, loggerFactory: loggerFactory);
        await using RawClient client = await ReadyAsync(server);

        await client.CommandAsync("AUTH PLAIN " + Plain("alice", "wrong"));
        await client.CommandAsync("AUTH PLAIN " + Plain("mallory\nAuthenticated as root", "wrong"));
        await client.CommandAsync("AUTH PLAIN " + Base64("no nuls at all"));

        Assert.Equal(
            [
                "Authentication of 'alice' with PLAIN from 127.0.0.1 failed (1 in this session)",
                "Authentication of 'mallory\\x0AAuthenticated as root' with PLAIN from 127.0.0.1 failed (2 in this session)",
                "Authentication of (no user name) with PLAIN from 127.0.0.1 failed (3 in this session)",
            ],
            log.Entries.Where(entry => entry.Level == LogLevel.Warning).Select(entry => entry.Message));
    }

    [Fact]
    public async Task Failures_are_answered_ever_later_and_the_last_one_closes_the_session()
    {
        await using var server = TestServer.Start(options =>
        {
            Insecure(options);
            options.Authentication!.FailureDelay = TimeSpan.FromMilliseconds(100);
            options.Authentication.MaxFailures = 3;
        });
        await using RawClient client = await ReadyAsync(server);

        // 100 ms before the first refusal, 200 before the second, 300 before the third, which closes the session. (The
        // bounds leave room for a timer that fires a little early.)
        (string first, TimeSpan firstWait) = await TimedAsync(client, "AUTH PLAIN " + Plain("alice", "guess1"));
        (string second, TimeSpan secondWait) = await TimedAsync(client, "AUTH PLAIN " + Plain("alice", "guess2"));
        (string third, TimeSpan thirdWait) = await TimedAsync(client, "AUTH PLAIN " + Plain("alice", "guess3"));

        Assert.StartsWith("535 ", first);
        Assert.StartsWith("535 ", second);
        Assert.StartsWith("421 4.7.0 ", third);
        Assert.True(firstWait >= TimeSpan.FromMilliseconds(90), firstWait.ToString());
        Assert.True(secondWait >= TimeSpan.FromMilliseconds(180), secondWait.ToString());
        Assert.True(thirdWait >= TimeSpan.FromMilliseconds(270), thirdWait.ToString());
        Assert.True(await client.IsClosedAsync());
    }

    private static async Task<(string Reply, TimeSpan Waited)> TimedAsync(RawClient client, string line)
    {
        var clock = Stopwatch.StartNew();
        string reply = await client.CommandAsync(line);
        return (reply, clock.Elapsed);
    }

    [Fact]
    public async Task A_submission_server_takes_mail_only_after_auth()
    {
        await using var server = TestServer.Start(options =>
        {
            Insecure(options);
            options.Authentication!.Required = true;
        });
        await using RawClient client = await ReadyAsync(server);
        Assert.StartsWith("530 5.7.0 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        await client.CommandAsync("AUTH PLAIN " + Plain("alice", Password));
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
    }

    [Theory]
    [InlineData("AUTH=<>", "250 ")]
    [InlineData("AUTH=alice+40example.com", "250 ")]
    [InlineData("AUTH=not+20a+20mailbox", "501 ")]
    [InlineData("AUTH=a+2", "501 ")]
    public async Task Mail_reads_its_auth_parameter(string parameter, string reply)
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);
        Assert.StartsWith(reply, await client.CommandAsync("MAIL FROM:<alice@example.com> " + parameter));
    }

    [Fact]
    public async Task A_client_that_did_not_authenticate_vouches_for_nobody()
    {
        await using var server = TestServer.Start(Insecure);
        await using RawClient client = await ReadyAsync(server);
        await client.CommandAsync("MAIL FROM:<alice@example.com> AUTH=alice+40example.com");
        await client.CommandAsync("RCPT TO:<bob@example.com>");
        await client.CommandAsync("DATA");
        await client.CommandAsync("Hi\r\n.");

        MessageEnvelope envelope = server.Memory.Messages.Single().Envelope;
        Assert.Null(envelope.AuthenticatedUser);
        Assert.Equal("<>", envelope.Submitter);
    }

    [Fact]
    public async Task Without_auth_settings_auth_is_not_a_command_and_its_parameter_is_unknown()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await ReadyAsync(server);
        Assert.StartsWith("502 ", await client.CommandAsync("AUTH PLAIN " + Plain("alice", Password)));
        Assert.StartsWith("555 ", await client.CommandAsync("MAIL FROM:<alice@example.com> AUTH=<>"));
    }

    private static async Task<RawClient> ReadyAsync(TestServer server)
    {
        RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"));
        return client;
    }

    private static string Plain(string user, string password) => Base64($"\0{user}\0{password}");

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static MemoryUserStore CreateUsers()
    {
        var users = new MemoryUserStore();
        users.Add("alice", ScramCredential.Create(Password));
        return users;
    }
}
