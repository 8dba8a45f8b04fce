using System.Globalization;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>Peers we did not write send to our server over TLS: MailKit (STARTTLS and implicit TLS), swaks and Python's smtplib.</summary>
public class TlsPeerTests
{
    private static readonly string Raw = PeerMessages.ByName("seed");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MailKit_sends_over_starttls_or_implicit_tls(bool implicitTls)
    {
        await using TestServer server = PeerServer.Start(options =>
        {
            options.Certificate = TestCertificate.Server;
            options.ImplicitTls = implicitTls;
        });
        using MimeMessage message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Raw)));

        using (var client = new SmtpClient())
        {
            client.ServerCertificateValidationCallback = TestCertificate.Validate;
            await client.ConnectAsync("localhost", server.EndPoint.Port, implicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls);
            Assert.True(client.IsSecure);
            await client.SendAsync(message, MailboxAddress.Parse("alice@example.com"), PeerMessages.Recipients.Select(MailboxAddress.Parse));
            await client.DisconnectAsync(quit: true);
        }

        PeerServer.AssertStored(server, Raw);
    }

    [Fact]
    public async Task Swaks_sends_over_starttls()
    {
        string swaks = ExternalProgram.Require("/usr/bin/swaks", "swaks");
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, Raw[..^2]);
            await using TestServer server = PeerServer.Start(options => options.Certificate = TestCertificate.Server);
            (int exitCode, string output) = await ExternalProgram.RunAsync(
                swaks,
                [
                    "--server", "127.0.0.1",
                    "--port", server.EndPoint.Port.ToString(CultureInfo.InvariantCulture),
                    "--tls",
                    "--from", "alice@example.com",
                    "--to", string.Join(',', PeerMessages.Recipients),
                    "--data", file,
                ]);

            Assert.True(exitCode == 0, output);
            Assert.Contains(" -> STARTTLS", output, StringComparison.Ordinal);
            Assert.Contains("=== TLS started", output, StringComparison.Ordinal);
            PeerServer.AssertStored(server, Raw);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Swaks_verifies_the_chain_of_a_server_behind_an_intermediate_authority_against_the_root_alone()
    {
        string swaks = ExternalProgram.Require("/usr/bin/swaks", "swaks");
        string root = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(root, TestAuthority.Certificate.ExportCertificatePem());
            await using TestServer server = PeerServer.Start(options =>
            {
                options.Certificate = TestAuthority.ServerBehindIntermediate;
                options.CertificateChain = [TestAuthority.Intermediate];
            });
            (int exitCode, string output) = await ExternalProgram.RunAsync(
                swaks,
                [
                    "--server", "127.0.0.1",
                    "--port", server.EndPoint.Port.ToString(CultureInfo.InvariantCulture),
                    "--tls", "--tls-verify", "--tls-ca-path", root,
                    "--from", "alice@example.com",
                    "--to", "bob@example.com",
                ]);

            Assert.True(exitCode == 0, output);
            Assert.Contains("=== TLS started", output, StringComparison.Ordinal);
            Assert.Single(server.Memory.Messages);
        }
        finally
        {
            File.Delete(root);
        }
    }

    [Fact]
    public async Task Smtplib_sends_after_starttls()
    {
        string python = ExternalProgram.Require("/usr/bin/python3", "python3");
        const string Script = """
            import smtplib, ssl, sys
            host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
            with open(path, "rb") as f:
                message = f.read()
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            with smtplib.SMTP(host, port) as smtp:
                smtp.ehlo()
                smtp.starttls(context=context)
                smtp.ehlo()
                assert not smtp.has_extn("starttls"), "STARTTLS announced again over TLS"
                print("cipher:", smtp.sock.cipher()[0])
                smtp.sendmail("alice@example.com", sys.argv[4:], message)
            """;
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, Raw);
            await using TestServer server = PeerServer.Start(options => options.Certificate = TestCertificate.Server);
            (int exitCode, string output) = await ExternalProgram.RunAsync(
                python, ["-c", Script, "127.0.0.1", server.EndPoint.Port.ToString(CultureInfo.InvariantCulture), file, .. PeerMessages.Recipients]);

            Assert.True(exitCode == 0, output);
            Assert.Contains("cipher: TLS_", output, StringComparison.Ordinal);
            PeerServer.AssertStored(server, Raw);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
