using System.Globalization;
using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>
/// Peers we did not write authenticate to our server over STARTTLS: MailKit (SCRAM-SHA-256, PLAIN, LOGIN; a wrong password
/// over every mechanism; a password validator of the application's), swaks and smtplib.
/// </summary>
public class AuthPeerTests
{
    private const string User = "alice";
    private const string Password = "pässwörd with spaces";

    /// <summary>smtplib encodes a password as ASCII, so its user has one of those.</summary>
    private const string AsciiUser = "carol";
    private const string AsciiPassword = "ascii secret";
    private static readonly string Raw = PeerMessages.ByName("seed");

    private static TestServer Start()
    {
        var users = new MemoryUserStore();
        users.Add(User, ScramCredential.Create(Password));
        users.Add(AsciiUser, ScramCredential.Create(AsciiPassword));
        return PeerServer.Start(options =>
        {
            options.Certificate = TestCertificate.Server;
            options.Authentication = new SmtpAuthenticationOptions { Users = users, Required = true, FailureDelay = TimeSpan.Zero };
        });
    }

    [Theory]
    [InlineData("SCRAM-SHA-256")]
    [InlineData("PLAIN")]
    [InlineData("LOGIN")]
    public async Task MailKit_authenticates_and_sends(string mechanism)
    {
        await using TestServer server = Start();
        using MimeMessage message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Raw)));
        using (SmtpClient client = await MailKitOverStartTlsAsync(server))
        {
            Assert.Equal(["SCRAM-SHA-256", "PLAIN", "LOGIN"], client.AuthenticationMechanisms);
            var credentials = new NetworkCredential(User, Password);
            SaslMechanism sasl = mechanism switch
            {
                "SCRAM-SHA-256" => new SaslMechanismScramSha256(credentials),
                "PLAIN" => new SaslMechanismPlain(credentials),
                _ => new SaslMechanismLogin(credentials),
            };
            await client.AuthenticateAsync(sasl);
            Assert.True(sasl.IsAuthenticated);
            await client.SendAsync(message, MailboxAddress.Parse("alice@example.com"), PeerMessages.Recipients.Select(MailboxAddress.Parse));
            await client.DisconnectAsync(quit: true);
        }

        PeerServer.AssertStored(server, Raw);
        Assert.Equal(User, server.Memory.Messages.Single().Envelope.AuthenticatedUser);
    }

    [Fact]
    public async Task MailKit_is_refused_a_wrong_password_with_scram()
    {
        await using TestServer server = Start();
        using SmtpClient client = await MailKitOverStartTlsAsync(server);
        var error = await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(new SaslMechanismScramSha256(new NetworkCredential(User, "wrong"))));
        Assert.Contains("535", error.Message + (error.InnerException?.Message ?? ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailKit_trying_every_mechanism_with_a_wrong_password_is_told_the_password_is_wrong_and_stays_connected()
    {
        // MailKit's AuthenticateAsync(credentials) tries SCRAM-SHA-256, then PLAIN, then LOGIN: three failures, each a 535.
        await using TestServer server = Start();
        using SmtpClient client = await MailKitOverStartTlsAsync(server);

        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(new NetworkCredential(User, "wrong")));

        Assert.True(client.IsConnected);
        await client.AuthenticateAsync(new NetworkCredential(User, Password));
        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task MailKit_authenticates_against_a_password_validator_of_the_applications()
    {
        await using TestServer server = PeerServer.Start(options =>
        {
            options.Certificate = TestCertificate.Server;
            options.Authentication = new SmtpAuthenticationOptions
            {
                ValidatePassword = static (user, password, _) => ValueTask.FromResult(user == User && password == Password),
                FailureDelay = TimeSpan.Zero,
            };
        });
        using SmtpClient client = await MailKitOverStartTlsAsync(server);
        Assert.Equal(["PLAIN", "LOGIN"], client.AuthenticationMechanisms);

        await client.AuthenticateAsync(new NetworkCredential(User, Password));

        Assert.True(client.IsAuthenticated);
        await client.DisconnectAsync(quit: true);
    }

    /// <summary>MailKit connected to the server over STARTTLS, trusting the test's certificate.</summary>
    private static async Task<SmtpClient> MailKitOverStartTlsAsync(TestServer server)
    {
        var client = new SmtpClient { ServerCertificateValidationCallback = TestCertificate.Validate };
        try
        {
            await client.ConnectAsync("localhost", server.EndPoint.Port, SecureSocketOptions.StartTls);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    [Theory]
    [InlineData("PLAIN")]
    [InlineData("LOGIN")]
    public async Task Swaks_authenticates_over_starttls(string mechanism)
    {
        string swaks = ExternalProgram.Require("/usr/bin/swaks", "swaks");
        await using TestServer server = Start();
        (int exitCode, string output) = await ExternalProgram.RunAsync(
            swaks,
            [
                "--server", "127.0.0.1", "--port", server.EndPoint.Port.ToString(CultureInfo.InvariantCulture),
                "--tls", "--auth", mechanism, "--auth-user", User, "--auth-password", Password,
                "--from", "alice@example.com", "--to", "bob@example.com",
            ]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("<~  235 2.7.0 Authentication successful", output, StringComparison.Ordinal);
        Assert.Equal(User, server.Memory.Messages.Single().Envelope.AuthenticatedUser);
    }

    [Fact]
    public async Task Smtplib_logs_in_after_starttls()
    {
        string python = ExternalProgram.Require("/usr/bin/python3", "python3");
        const string Script = """
            import smtplib, ssl, sys
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            with smtplib.SMTP(sys.argv[1], int(sys.argv[2])) as smtp:
                smtp.starttls(context=context)
                try:
                    smtp.login(sys.argv[3], "wrong")
                    print("wrong password accepted")
                except smtplib.SMTPAuthenticationError as error:
                    print("refused:", error.smtp_code)
                print("login:", smtp.login(sys.argv[3], sys.argv[4])[0])
                smtp.sendmail("alice@example.com", ["bob@example.com"], b"Subject: hi\r\n\r\nHi\r\n")
            """;
        await using TestServer server = Start();
        (int exitCode, string output) = await ExternalProgram.RunAsync(python, ["-c", Script, "127.0.0.1", server.EndPoint.Port.ToString(CultureInfo.InvariantCulture), AsciiUser, AsciiPassword]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("refused: 535", output, StringComparison.Ordinal);
        Assert.Contains("login: 235", output, StringComparison.Ordinal);
        Assert.Equal(AsciiUser, server.Memory.Messages.Single().Envelope.AuthenticatedUser);
    }
}
