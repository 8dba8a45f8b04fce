using System.Net;
using System.Security.Authentication;
using System.Text;
using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using SmtpGen.Server;
using SmtpGen.Server.Tests;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>The client's AUTH (RFC 4954): against our server over TLS, and against scripted servers for each mechanism and refusal.</summary>
public sealed class AuthTests : IAsyncDisposable
{
    private const string Password = "s3cret pass";
    private static readonly NetworkCredential Alice = new("alice", Password);

    private readonly MemoryMessageStore _store = new();
    private SmtpListener? _listener;

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_credentials_the_client_requires_tls_and_authenticates_with_scram()
    {
        int port = Serve();
        var transcript = new StringWriter { NewLine = "\n" };
        var options = new SmtpClientOptions { Credentials = Alice, ServerCertificateValidation = TestCertificate.Validate, Transcript = new TextWriterTranscript(transcript) };
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", port, options);

        Assert.True(client.IsSecure);
        await client.SendAsync(Alice.UserName + "@example.com", [Bob], WithDotLines);
        await client.QuitAsync();
        Assert.Equal("alice", _store.Messages.Single().Envelope.AuthenticatedUser);
        Assert.Contains("C: AUTH SCRAM-SHA-256 [initial response]", transcript.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("n,,n=alice")), transcript.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "boss@example.com")]
    // RFC 4954 §5: a server takes the submitter only from a client it trusts; from any other it is as if <> was sent.
    [InlineData(false, "<>")]
    public async Task The_submitter_a_relay_passes_on_is_kept_by_our_server_from_a_client_that_authenticated(bool authenticate, string kept)
    {
        int port = Serve(required: false);
        var options = new SmtpClientOptions { Credentials = authenticate ? Alice : null, ServerCertificateValidation = TestCertificate.Validate };
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", port, options);

        Assert.True(client.IsSecure);
        Assert.True(client.Capabilities.Has(SmtpGen.Smtp.SmtpProtocol.Extension.Auth));
        await client.SendAsync("alice@example.com", [Bob], WithDotLines, new SmtpSendOptions { Submitter = "boss@example.com" });
        await client.QuitAsync();
        Assert.Equal(kept, _store.Messages.Single().Envelope.Submitter);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_535()
    {
        int port = Serve();
        var options = new SmtpClientOptions { Credentials = new NetworkCredential("alice", "wrong"), ServerCertificateValidation = TestCertificate.Validate };
        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => SmtpClient.ConnectAsync("localhost", port, options));
        Assert.Equal(535, error.Code.Value);
    }

    [Theory]
    [InlineData(null, "does not offer STARTTLS")]
    [InlineData(StartTlsMode.Opportunistic, "none the client can use without TLS")]
    public async Task Without_tls_the_client_never_sends_a_password_in_the_clear(StartTlsMode? startTls, string reason)
    {
        // The script ends at EHLO: whatever the client sends after it but the QUIT of a client that leaves fails the test
        // with an unexpected line.
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("AUTH PLAIN LOGIN");
            await s.ExpectAsync("QUIT");
            Assert.Null(await s.ReadLineAsync());
        });
        AuthenticationException error = await Assert.ThrowsAsync<AuthenticationException>(
            () => ScriptedClient.ConnectAsync(server, ScriptedClient.Options(credentials: Alice, startTls: startTls)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    [Fact]
    public async Task Credentials_refused_with_535_get_the_server_a_QUIT_before_the_client_leaves()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("AUTH PLAIN");
            await s.ExpectAsync("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0alice\0" + Password)));
            await s.ReplyAsync("535 5.7.8 Authentication credentials invalid");
            await s.ExpectAsync("QUIT");
            Assert.Null(await s.ReadLineAsync());
        });

        SmtpCommandException refused = await Assert.ThrowsAsync<SmtpCommandException>(
            () => ScriptedClient.ConnectAsync(server, ScriptedClient.Options(credentials: Alice, startTls: StartTlsMode.Never, allowInsecureAuth: true)));
        Assert.Equal(535, refused.Code.Value);
        await server.Completion;
    }

    [Fact]
    public async Task Plain_goes_with_auth_when_allowed_in_the_clear()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("AUTH PLAIN LOGIN");
            await s.ExpectAsync("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0alice\0" + Password)));
            await s.ReplyAsync("235 2.7.0 Authentication successful");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(credentials: Alice, startTls: StartTlsMode.Never, allowInsecureAuth: true));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Login_answers_the_prompts_with_the_user_name_then_the_password()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("AUTH LOGIN");
            await s.ExpectAsync("AUTH LOGIN");
            await s.ReplyAsync("334 VXNlcm5hbWU6");
            await s.ExpectAsync(Convert.ToBase64String("alice"u8));
            await s.ReplyAsync("334 UGFzc3dvcmQ6");
            await s.ExpectAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)));
            await s.ReplyAsync("235 2.7.0 Authentication successful");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(credentials: Alice, startTls: StartTlsMode.Never, allowInsecureAuth: true));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task A_scram_server_that_cannot_prove_itself_is_not_trusted()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("AUTH SCRAM-SHA-256");
            string auth = (await s.ReadLineAsync())!;
            Assert.StartsWith("AUTH SCRAM-SHA-256 ", auth, StringComparison.Ordinal);
            string clientFirst = Encoding.UTF8.GetString(Convert.FromBase64String(auth["AUTH SCRAM-SHA-256 ".Length..]));
            string nonce = clientFirst.Split(",r=")[1];
            await s.ReplyAsync("334 " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"r={nonce}server,s=c2FsdHNhbHRzYWx0,i=4096")));
            Assert.NotNull(await s.ReadLineAsync());
            await s.ReplyAsync("334 " + Convert.ToBase64String(Encoding.UTF8.GetBytes("v=" + Convert.ToBase64String(new byte[32]))));
            await s.ExpectAsync("*");
            await s.ReplyAsync("501 5.0.0 Authentication cancelled");
            await s.WaitForCloseAsync();
        });
        AuthenticationException error = await Assert.ThrowsAsync<AuthenticationException>(
            () => ScriptedClient.ConnectAsync(server, ScriptedClient.Options(credentials: Alice, startTls: StartTlsMode.Never)));
        Assert.Contains("signature is wrong", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    [Fact]
    public async Task A_bearer_token_goes_with_xoauth2()
    {
        int port = Serve();
        var options = new SmtpClientOptions { BearerToken = new SmtpBearerToken("alice", "ya29.token"), ServerCertificateValidation = TestCertificate.Validate };
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", port, options);
        await client.SendAsync("alice@example.com", [Bob], WithDotLines);
        await client.QuitAsync();
        Assert.Equal("alice", _store.Messages.Single().Envelope.AuthenticatedUser);
    }

    /// <summary>Serves with TLS and AUTH, which every MAIL requires unless <paramref name="required"/> is false.</summary>
    private int Serve(bool required = true)
    {
        var users = new MemoryUserStore();
        users.Add("alice", ScramCredential.Create(Password));
        _listener = new SmtpListener(
            new SmtpServerOptions
            {
                EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
                ServerName = "smtpgen.test",
                Certificate = TestCertificate.Server,
                Authentication = new SmtpAuthenticationOptions
                {
                    Users = users,
                    Required = required,
                    FailureDelay = TimeSpan.Zero,
                    ValidateBearerToken = static (user, token, _) => ValueTask.FromResult(user == "alice" && token == "ya29.token"),
                },
            },
            _store);
        _listener.Start();
        return _listener.LocalEndPoint!.Port;
    }
}
