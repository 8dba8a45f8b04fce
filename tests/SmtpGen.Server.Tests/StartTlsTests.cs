using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>STARTTLS (RFC 3207) and implicit TLS (RFC 8314) on the server, over sockets.</summary>
public class StartTlsTests
{
    private static void WithCertificate(SmtpServerOptions options) => options.Certificate = TestCertificate.Server;

    [Fact]
    public async Task Starttls_is_announced_with_a_certificate_and_not_again_over_tls()
    {
        await using var server = TestServer.Start(WithCertificate);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.Contains("250-STARTTLS", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        Assert.Equal("220 2.0.0 Ready to start TLS", await client.CommandAsync("STARTTLS"));

        await client.StartTlsAsync();
        string extensions = await client.CommandAsync("EHLO client.example.com");
        Assert.Contains("250-ENHANCEDSTATUSCODES", extensions, StringComparison.Ordinal);
        Assert.DoesNotContain("STARTTLS", extensions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_certificate_starttls_is_neither_announced_nor_served()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.DoesNotContain("STARTTLS", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("502 5.5.1 ", await client.CommandAsync("STARTTLS"));
    }

    [Fact]
    public async Task After_the_handshake_the_session_starts_over_and_takes_a_message()
    {
        await using var server = TestServer.Start(WithCertificate);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.CommandAsync("EHLO client.example.com");
        await client.CommandAsync("STARTTLS");
        await client.StartTlsAsync();

        // RFC 3207 §4.2: the client's EHLO is forgotten; MAIL needs a new one.
        Assert.StartsWith("503 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"));
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Secret\r\n."));
        Assert.Equal("Secret\r\n", Encoding.ASCII.GetString(ServerTrace.Remove(server.Memory.Messages.Single().Data)));
    }

    [Fact]
    public async Task Plaintext_sent_after_starttls_in_the_same_packet_is_never_executed()
    {
        var policy = new SenderRecorder();
        await using var server = TestServer.Start(WithCertificate, policy: policy);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"));

        // The CVE-2011-0411 attack: a command injected behind STARTTLS, to be run as if it came over TLS.
        await client.SendAsync("STARTTLS\r\nMAIL FROM:<injected@example.com>\r\n");
        Assert.Equal("220 2.0.0 Ready to start TLS", await client.ReadReplyAsync());
        await client.StartTlsAsync();

        Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"));
        Assert.StartsWith("503 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.Empty(policy.Senders);
    }

    [Theory]
    [InlineData("STARTTLS now", "501 ")]
    public async Task Starttls_with_an_argument_is_a_syntax_error(string line, string reply)
    {
        await using var server = TestServer.Start(WithCertificate);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.CommandAsync("EHLO client.example.com");
        Assert.StartsWith(reply, await client.CommandAsync(line));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Starttls_before_ehlo_in_a_transaction_or_over_tls_is_out_of_sequence()
    {
        await using var server = TestServer.Start(WithCertificate);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.StartsWith("503 ", await client.CommandAsync("STARTTLS"));
        await client.CommandAsync("EHLO client.example.com");
        await client.CommandAsync("MAIL FROM:<alice@example.com>");
        Assert.StartsWith("503 ", await client.CommandAsync("STARTTLS"));
        await client.CommandAsync("RSET");
        await client.CommandAsync("STARTTLS");
        await client.StartTlsAsync();
        await client.CommandAsync("EHLO client.example.com");
        Assert.StartsWith("503 5.5.1 ", await client.CommandAsync("STARTTLS"));
    }

    [Fact]
    public async Task Starttls_from_a_client_that_said_helo_is_out_of_sequence()
    {
        await using var server = TestServer.Start(WithCertificate);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.CommandAsync("HELO client.example.com");
        Assert.StartsWith("503 ", await client.CommandAsync("STARTTLS"));
    }

    [Fact]
    public async Task A_failed_handshake_closes_the_connection_with_one_log_line_and_no_stack_trace()
    {
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var server = TestServer.Start(WithCertificate, loggerFactory: factory);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.CommandAsync("EHLO client.example.com");
        await client.CommandAsync("STARTTLS");

        await client.SendAsync("this is no TLS ClientHello\r\n");
        Assert.True(await client.IsClosedAsync());
        await server.Listener.StopAsync();

        Assert.Single(logs.Entries, e => e.Message.StartsWith("The TLS handshake failed", StringComparison.Ordinal) && e.Level == LogLevel.Information);
        Assert.All(logs.Entries, e => Assert.Null(e.Exception));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task With_implicit_tls_the_greeting_comes_over_tls()
    {
        await using var server = TestServer.Start(options =>
        {
            WithCertificate(options);
            options.ImplicitTls = true;
        });
        await using RawClient client = await server.ConnectAsync();
        await client.StartTlsAsync();
        Assert.StartsWith("220 mail.example.com ", await client.ReadReplyAsync());
        Assert.DoesNotContain("STARTTLS", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("503 ", await client.CommandAsync("STARTTLS"));
    }

    [Fact]
    public void Implicit_tls_without_a_certificate_and_a_certificate_without_its_key_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SmtpServerOptions { ImplicitTls = true }.Validate());
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(TestCertificate.Server.RawData);
        Assert.Throws<ArgumentException>(() => new SmtpServerOptions { Certificate = publicOnly }.Validate());
    }

    [Fact]
    public async Task A_certificate_of_the_chain_that_is_not_sent_is_a_warning_and_the_root_and_a_copy_are_not()
    {
        var recorder = new RecordingLoggerProvider();
        using var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging.AddProvider(recorder));
        var options = new SmtpServerOptions
        {
            EndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
            Certificate = TestAuthority.ServerBehindIntermediate,
            CertificateChain = [TestAuthority.Intermediate, TestAuthority.Certificate, TestAuthority.Intermediate, TestCertificate.Server],
        };

        await using var listener = new SmtpListener(options, new MemoryMessageStore(), loggerFactory: loggerFactory);
        listener.ReplaceCertificate(TestAuthority.ServerBehindIntermediate, [TestAuthority.Intermediate, TestCertificate.Server]);

        string[] warnings = [.. recorder.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message)];
        Assert.Equal(2, warnings.Length);
        Assert.All(warnings, warning => Assert.StartsWith($"The TLS certificate chain's {TestCertificate.Server.Subject} (serial {TestCertificate.Server.SerialNumber}) is not sent", warning, StringComparison.Ordinal));
        Assert.Single(listener.CertificateContext!.IntermediateCertificates);
    }

    [Fact]
    public void A_certificate_chain_without_the_certificate_it_leads_to_is_refused()
    {
        var options = new SmtpServerOptions { CertificateChain = [TestAuthority.Intermediate] };

        ArgumentException refusal = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(nameof(SmtpServerOptions.CertificateChain), refusal.Message, StringComparison.Ordinal);
        options.Certificate = TestAuthority.ServerBehindIntermediate;
        options.Validate();
    }

    [Fact]
    public async Task A_replaced_certificate_is_presented_from_the_next_handshake_on_and_sessions_already_secured_go_on()
    {
        await using var server = TestServer.Start(WithCertificate);
        (RawClient before, string[] beforeChain) = await SecureAsync(server);
        await using RawClient _ = before;

        server.Listener.ReplaceCertificate(TestAuthority.ServerBehindIntermediate, [TestAuthority.Intermediate]);
        (RawClient after, string[] afterChain) = await SecureAsync(server);
        await using RawClient __ = after;

        Assert.Equal([TestCertificate.Server.Thumbprint], beforeChain);
        Assert.Equal([TestAuthority.ServerBehindIntermediate.Thumbprint, TestAuthority.Intermediate.Thumbprint], afterChain);
        Assert.Same(server.Listener.CertificateContext!.TargetCertificate, TestAuthority.ServerBehindIntermediate);
        Assert.Equal(TestAuthority.Intermediate.Thumbprint, Assert.Single(server.Listener.CertificateContext.IntermediateCertificates).Thumbprint);
        Assert.StartsWith("250 ", await before.CommandAsync("NOOP"));
        Assert.StartsWith("250 ", await after.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_certificate_cannot_be_replaced_by_one_without_its_key_nor_given_to_a_server_made_without_tls()
    {
        await using var secure = TestServer.Start(WithCertificate);
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(TestAuthority.Server.RawData);
        Assert.Throws<ArgumentException>(() => secure.Listener.ReplaceCertificate(publicOnly));

        await using var plain = TestServer.Start();
        Assert.Throws<InvalidOperationException>(() => plain.Listener.ReplaceCertificate(TestAuthority.Server));
    }

    /// <summary>A session secured by STARTTLS, and the certificates its handshake received (the server's first), by thumbprint.</summary>
    private static async Task<(RawClient Client, string[] Chain)> SecureAsync(TestServer server)
    {
        RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.CommandAsync("EHLO client.example.com");
        Assert.StartsWith("220 ", await client.CommandAsync("STARTTLS"));
        string[] received = [];
        await client.StartTlsAsync((_, _, chain, _) =>
        {
            // The chain the client built from what the server sent: the root it does not have is not in it.
            received = [.. chain!.ChainElements.Select(element => element.Certificate.Thumbprint)];
            return true;
        });
        return (client, received);
    }

    private sealed class SenderRecorder : SmtpPolicy
    {
        public ConcurrentQueue<string> Senders { get; } = new();

        public override ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken)
        {
            Senders.Enqueue(reversePath);
            return base.AcceptSenderAsync(session, reversePath, cancellationToken);
        }
    }
}
