using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using SmtpGen.Server;
using SmtpGen.Server.Tests;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>The client's STARTTLS (RFC 3207) and implicit TLS (RFC 8314), against our server and scripted ones.</summary>
public sealed class StartTlsTests : IAsyncDisposable
{
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
    public async Task Opportunistically_the_client_starts_tls_says_ehlo_again_and_sends_over_it()
    {
        int port = Serve(TestCertificate.Server);
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", port, Options(StartTlsMode.Opportunistic));

        Assert.True(client.IsSecure);
        Assert.False(client.Capabilities.StartTls);
        Assert.True(client.Capabilities.Pipelining);
        await client.SendAsync(Alice, [Bob], WithDotLines);
        await client.QuitAsync();
        Assert.Equal(WithDotLines, ServerTrace.Remove(_store.Messages.Single().Data));
    }

    [Fact]
    public async Task Opportunistically_a_server_without_starttls_is_spoken_to_in_plaintext()
    {
        int port = Serve(certificate: null);
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", port, Options(StartTlsMode.Opportunistic));

        Assert.False(client.IsSecure);
        await client.SendAsync(Alice, [Bob], WithDotLines);
        await client.QuitAsync();
        Assert.Single(_store.Messages);
    }

    [Fact]
    public async Task When_tls_is_required_a_server_without_starttls_gets_no_message()
    {
        int port = Serve(certificate: null);
        await Assert.ThrowsAsync<AuthenticationException>(() => SmtpClient.ConnectAsync("localhost", port, Options(StartTlsMode.Required)));
        Assert.Empty(_store.Messages);
    }

    [Fact]
    public async Task Never_keeps_to_plaintext_although_the_server_offers_starttls()
    {
        int port = Serve(TestCertificate.Server);
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", port, Options(StartTlsMode.Never));

        Assert.False(client.IsSecure);
        Assert.True(client.Capabilities.StartTls);
    }

    [Fact]
    public async Task By_default_a_certificate_the_system_does_not_trust_ends_the_conversation()
    {
        int port = Serve(TestCertificate.Server);
        var options = new SmtpClientOptions { StartTls = StartTlsMode.Opportunistic, TlsHandshakeTimeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAsync<AuthenticationException>(() => SmtpClient.ConnectAsync("localhost", port, options));
    }

    [Fact]
    public async Task The_certificate_must_carry_the_name_the_client_asked_for()
    {
        int port = Serve(TestCertificate.Server);
        var options = new SmtpClientOptions { TlsServerName = "other.example.com", TlsHandshakeTimeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAsync<AuthenticationException>(() => SmtpClient.ConnectAsync("127.0.0.1", port, options));
    }

    [Fact]
    public async Task A_chain_policy_trusts_a_private_authority_in_place_of_the_systems()
    {
        int port = Serve(TestAuthority.Server);
        var options = new SmtpClientOptions { StartTls = StartTlsMode.Required, ServerCertificateChainPolicy = TrustOnly(TestAuthority.Certificate) };
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", port, options);

        Assert.True(client.IsSecure);
        await client.SendAsync(Alice, [Bob], WithDotLines);
        await client.QuitAsync();
        Assert.Single(_store.Messages);
    }

    [Fact]
    public async Task A_server_behind_an_intermediate_authority_sends_it_so_that_a_client_that_trusts_the_root_builds_the_chain()
    {
        var options = new SmtpClientOptions
        {
            StartTls = StartTlsMode.Required,
            ServerCertificateChainPolicy = TrustOnly(TestAuthority.Certificate),
            TlsHandshakeTimeout = TimeSpan.FromSeconds(10),
        };
        int withoutChain = Serve(TestAuthority.ServerBehindIntermediate);
        await Assert.ThrowsAsync<AuthenticationException>(() => SmtpClient.ConnectAsync("localhost", withoutChain, options));
        await _listener!.DisposeAsync();

        int port = Serve(TestAuthority.ServerBehindIntermediate, chain: [TestAuthority.Intermediate]);
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", port, options);

        Assert.True(client.IsSecure);
        await client.SendAsync(Alice, [Bob], WithDotLines);
        await client.QuitAsync();
        Assert.Single(_store.Messages);
    }

    [Fact]
    public async Task A_chain_policy_trusts_a_servers_own_self_signed_certificate()
    {
        int port = Serve(TestCertificate.Server);
        var options = new SmtpClientOptions { StartTls = StartTlsMode.Required, ServerCertificateChainPolicy = TrustOnly(TestCertificate.Server) };
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", port, options);

        Assert.True(client.IsSecure);
        await client.QuitAsync();
    }

    [Fact]
    public async Task A_validation_beside_a_chain_policy_is_given_what_the_policy_found_and_has_the_last_word()
    {
        int signed = Serve(TestAuthority.Server);
        SslPolicyErrors? given = null;
        var options = new SmtpClientOptions
        {
            StartTls = StartTlsMode.Required,
            ServerCertificateChainPolicy = TrustOnly(TestAuthority.Certificate),
            ServerCertificateValidation = (_, _, _, errors) => (given = errors) is SslPolicyErrors.None or SslPolicyErrors.RemoteCertificateChainErrors,
        };
        await using (SmtpClient client = await SmtpClient.ConnectAsync("localhost", signed, options))
        {
            Assert.True(client.IsSecure);
            Assert.Equal(SslPolicyErrors.None, given);
        }

        await _listener!.DisposeAsync();
        int notSigned = Serve(TestCertificate.Server);
        await using SmtpClient accepted = await SmtpClient.ConnectAsync("localhost", notSigned, options);
        Assert.True(accepted.IsSecure);
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, given);
    }

    [Fact]
    public async Task Under_a_chain_policy_a_certificate_for_clients_only_ends_the_conversation()
    {
        int port = Serve(TestAuthority.ClientOnly);
        var options = new SmtpClientOptions
        {
            StartTls = StartTlsMode.Required,
            ServerCertificateChainPolicy = TrustOnly(TestAuthority.Certificate),
            TlsHandshakeTimeout = TimeSpan.FromSeconds(10),
        };

        await Assert.ThrowsAsync<AuthenticationException>(() => SmtpClient.ConnectAsync("localhost", port, options));
    }

    [Fact]
    public async Task Under_a_chain_policy_a_certificate_the_authority_did_not_sign_ends_the_conversation()
    {
        int port = Serve(TestCertificate.Server);
        var options = new SmtpClientOptions
        {
            StartTls = StartTlsMode.Opportunistic,
            ServerCertificateChainPolicy = TrustOnly(TestAuthority.Certificate),
            TlsHandshakeTimeout = TimeSpan.FromSeconds(10),
        };

        await Assert.ThrowsAsync<AuthenticationException>(() => SmtpClient.ConnectAsync("localhost", port, options));
        Assert.Empty(_store.Messages);
    }

    [Fact]
    public async Task Under_a_chain_policy_the_certificate_must_still_carry_the_name_the_client_asked_for()
    {
        int port = Serve(TestAuthority.Server);
        var options = new SmtpClientOptions
        {
            TlsServerName = "mail.example.com",
            ServerCertificateChainPolicy = TrustOnly(TestAuthority.Certificate),
            TlsHandshakeTimeout = TimeSpan.FromSeconds(10),
        };

        await Assert.ThrowsAsync<AuthenticationException>(() => SmtpClient.ConnectAsync("127.0.0.1", port, options));
    }

    [Fact]
    public async Task With_implicit_tls_the_greeting_and_everything_after_it_are_secure()
    {
        int port = Serve(TestCertificate.Server, implicitTls: true);
        var options = new SmtpClientOptions { ImplicitTls = true, ServerCertificateValidation = TestCertificate.Validate };
        await using SmtpClient client = await SmtpClient.ConnectAsync("localhost", port, options);

        Assert.True(client.IsSecure);
        Assert.StartsWith("smtpgen.test", client.Greeting.Text, StringComparison.Ordinal);
        await client.SendAsync(Alice, [Bob], WithDotLines);
        await client.QuitAsync();
        Assert.Single(_store.Messages);
    }

    [Fact]
    public async Task A_client_that_requires_tls_from_a_server_without_starttls_says_QUIT_before_it_leaves()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING");
            await s.ExpectAsync("QUIT");
            await s.WaitForCloseAsync();
        });

        await Assert.ThrowsAsync<AuthenticationException>(() => ScriptedClient.ConnectAsync(server, ScriptedClient.Options(startTls: StartTlsMode.Required)));
        await server.Completion;
    }

    [Theory]
    [InlineData(StartTlsMode.Opportunistic)]
    [InlineData(StartTlsMode.Required)]
    public async Task A_refused_starttls_leaves_plaintext_only_when_opportunistic(StartTlsMode mode)
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("STARTTLS");
            await s.ExpectAsync("STARTTLS");
            await s.ReplyAsync("454 4.7.0 TLS not available due to temporary reason");
            // Either way the conversation ends with QUIT (RFC 5321 §4.1.1.10); a client that leaves does not wait for 221.
            await s.ExpectAsync("QUIT");
            if (mode == StartTlsMode.Opportunistic)
            {
                await s.ReplyAsync("221 2.0.0 Bye");
            }

            await s.WaitForCloseAsync();
        });
        SmtpClientOptions options = ScriptedClient.Options(startTls: mode);

        if (mode == StartTlsMode.Opportunistic)
        {
            await using SmtpClient client = await ScriptedClient.ConnectAsync(server, options);
            Assert.False(client.IsSecure);
            await client.QuitAsync();
        }
        else
        {
            SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => ScriptedClient.ConnectAsync(server, options));
            Assert.Equal(454, error.Code.Value);
        }

        await server.Completion;
    }

    private static SmtpClientOptions Options(StartTlsMode mode) => new()
    {
        StartTls = mode,
        ServerCertificateValidation = TestCertificate.Validate,
        TlsHandshakeTimeout = TimeSpan.FromSeconds(10),
    };

    private static X509ChainPolicy TrustOnly(X509Certificate2 trusted)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(trusted);
        return policy;
    }

    private int Serve(X509Certificate2? certificate, bool implicitTls = false, X509Certificate2Collection? chain = null)
    {
        _listener = new SmtpListener(
            new SmtpServerOptions
            {
                EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
                ServerName = "smtpgen.test",
                Certificate = certificate,
                CertificateChain = chain,
                ImplicitTls = implicitTls,
            },
            _store);
        _listener.Start();
        return _listener.LocalEndPoint!.Port;
    }
}
