using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary><c>serve</c> with TLS and AUTH, <c>send</c> with <c>--user</c>, and <c>users add</c>, which keeps verifiers only.</summary>
public sealed class TlsAndAuthCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smtpgen-tls-").FullName;

    public TlsAndAuthCommandTests()
    {
        File.WriteAllText(Certificate, TestCertificate.Server.ExportCertificatePem());
        File.WriteAllText(Key, TestCertificate.Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Authority, TestAuthority.Certificate.ExportCertificatePem());
        File.WriteAllText(SignedCertificate, TestAuthority.Server.ExportCertificatePem());
        File.WriteAllText(SignedKey, TestAuthority.Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    private string Certificate => Path.Combine(_folder, "server.crt");

    private string Key => Path.Combine(_folder, "server.key");

    /// <summary>The private authority's certificate, and a server's certificate and key that it signed.</summary>
    private string Authority => Path.Combine(_folder, "authority.crt");

    private string SignedCertificate => Path.Combine(_folder, "signed.crt");

    private string SignedKey => Path.Combine(_folder, "signed.key");

    /// <summary>A full chain's file: a server's certificate signed by the intermediate authority, then the intermediate's.</summary>
    private static string FullChain => TestAuthority.ServerBehindIntermediate.ExportCertificatePem() + "\n" + TestAuthority.Intermediate.ExportCertificatePem();

    private static string FullChainKey => TestAuthority.ServerBehindIntermediate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    private string Users => Path.Combine(_folder, "users");

    private string Store => Path.Combine(_folder, "mail");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Users_add_keeps_a_verifier_read_from_standard_input_and_never_the_password()
    {
        (int exitCode, string output, string error) = await CommandRun.RunWithInputAsync("hunter2 with spaces\n"u8.ToArray(), "users", "add", Users, "alice");

        Assert.True(exitCode == 0, error);
        Assert.Contains("alice is in", output, StringComparison.Ordinal);
        string line = Assert.Single(await File.ReadAllLinesAsync(Users));
        Assert.StartsWith("alice:SCRAM-SHA-256$4096:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
        Assert.True((await Server.UserFile.Load(Users).FindAsync("alice", CancellationToken.None))!.Verifies("hunter2 with spaces"));

        (exitCode, _, error) = await CommandRun.RunWithInputAsync([], "users", "add", Users, "bob");
        Assert.Equal(1, exitCode);
        Assert.Contains("password", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_authenticates_over_starttls_to_serve_and_the_envelope_names_the_user()
    {
        await CommandRun.RunWithInputAsync("s3cret\n"u8.ToArray(), "users", "add", Users, "alice");
        await using Serving serving = await Serving.StartAsync(Store, "--tls-certificate", Certificate, "--tls-key", Key, "--users", Users, "--require-auth");

        (int exitCode, string output, string error) = await CommandRun.RunWithInputAsync(
            "s3cret\n"u8.ToArray(),
            "send", "--server", $"localhost:{serving.Port}", "--trust", Certificate, "--user", "alice", "--chunking", "-v",
            "--from", "alice@example.com", "--to", "bob@example.com", "--subject", "Hi", "--body", "Over TLS");

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("C: STARTTLS", output, StringComparison.Ordinal);
        Assert.Contains("C: AUTH SCRAM-SHA-256 [initial response]", output, StringComparison.Ordinal);
        Assert.Contains("S: 235 2.7.0 Authentication successful", output, StringComparison.Ordinal);
        Assert.Contains("LAST", output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", output, StringComparison.Ordinal);
        string envelope = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(Store, "envelope"))));
        Assert.Contains("\"authenticatedUser\": \"alice\"", envelope, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_with_a_user_refuses_a_server_without_starttls_and_a_certificate_it_does_not_trust()
    {
        await using (Serving plain = await Serving.StartAsync(Store))
        {
            (int exitCode, _, string error) = await CommandRun.RunWithInputAsync(
                "s3cret\n"u8.ToArray(), "send", "--server", $"localhost:{plain.Port}", "--user", "alice", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b");
            Assert.Equal(1, exitCode);
            Assert.Equal($"smtpgen: localhost:{plain.Port}: The server does not offer STARTTLS, and the options require TLS.", error.Trim());
        }

        await using Serving secure = await Serving.StartAsync(Store, "--tls-certificate", Certificate, "--tls-key", Key);
        (int code, _, string refusal) = await CommandRun.RunAsync(
            "send", "--server", $"localhost:{secure.Port}", "--starttls", "required", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b");
        Assert.Equal(1, code);
        Assert.StartsWith($"smtpgen: localhost:{secure.Port}: ", Assert.Single(refusal.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(Store, "new")));
    }

    [Fact]
    public async Task Send_trusts_the_authority_given_by_trust_and_refuses_a_server_it_did_not_sign()
    {
        string[] send = ["send", "--starttls", "required", "--trust", Authority, "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b"];

        await using (Serving signedByIt = await Serving.StartAsync(Store, "--tls-certificate", SignedCertificate, "--tls-key", SignedKey))
        {
            (int exitCode, string output, string error) = await CommandRun.RunAsync([.. send, "--server", $"localhost:{signedByIt.Port}"]);
            Assert.True(exitCode == 0, error + output);
            Assert.Single(Directory.GetFiles(Path.Combine(Store, "new")));
        }

        await using Serving selfSigned = await Serving.StartAsync(Store, "--tls-certificate", Certificate, "--tls-key", Key);
        (int code, _, string refusal) = await CommandRun.RunAsync([.. send, "--server", $"localhost:{selfSigned.Port}"]);
        Assert.Equal(1, code);
        Assert.Single(refusal.Trim().Split('\n'));
        Assert.Single(Directory.GetFiles(Path.Combine(Store, "new")));
    }

    [Fact]
    public async Task Serve_sends_the_intermediate_authorities_that_follow_its_certificate_in_the_file()
    {
        string fullChain = Path.Combine(_folder, "fullchain.pem"), key = Path.Combine(_folder, "fullchain.key");
        File.WriteAllText(fullChain, FullChain);
        File.WriteAllText(key, FullChainKey);
        await using Serving serving = await Serving.StartAsync(Store, "--tls-certificate", fullChain, "--tls-key", key);

        (int exitCode, string output, string error) = await SendOverStartTlsAsync(serving.Port, Authority);

        Assert.True(exitCode == 0, error + output);
        Assert.Single(Directory.GetFiles(Path.Combine(Store, "new")));
    }

    [Fact]
    public async Task Serve_reads_its_certificate_files_again_on_sighup_and_keeps_the_one_in_use_when_they_do_not_read()
    {
        string live = Path.Combine(_folder, "live.pem"), liveKey = Path.Combine(_folder, "live.key");
        File.Copy(Certificate, live);
        File.Copy(Key, liveKey);
        await using RunningTool serving = await RunningTool.StartServeAsync(_folder, new Dictionary<string, string>(), "--port", "0", "--store", Store, "--tls-certificate", live, "--tls-key", liveKey);
        Assert.Equal(1, (await SendOverStartTlsAsync(serving.Port, Authority)).ExitCode);

        // Renewed: a certificate of the authority's, behind its intermediate.
        File.WriteAllText(live, FullChain);
        File.WriteAllText(liveKey, FullChainKey);
        await serving.SignalAsync("HUP");
        string reloaded = await serving.WaitForLogAsync(line => line.Contains("TLS certificate reloaded from", StringComparison.Ordinal));
        Assert.Contains($"serial {TestAuthority.ServerBehindIntermediate.SerialNumber}", reloaded, StringComparison.Ordinal);
        Assert.Contains("sent with 1 intermediate(s)", reloaded, StringComparison.Ordinal);
        (int exitCode, string output, string error) = await SendOverStartTlsAsync(serving.Port, Authority);
        Assert.True(exitCode == 0, error + output);

        // Neither a chain cut off as it is written nor a key that is not the certificate's ends the server or replaces
        // what it has: the chain still goes with the certificate (the client trusts the root alone).
        string notReloaded = $"TLS certificate not reloaded, the one in use stays: cannot read the TLS certificate {live} with its key {liveKey}: ";
        File.WriteAllText(live, FullChain[..^200]);
        await serving.SignalAsync("HUP");
        await serving.WaitForLogAsync(line => line.Contains(notReloaded + "2 certificate(s) begin in it, 1 whole", StringComparison.Ordinal));
        File.WriteAllText(live, TestCertificate.Server.ExportCertificatePem());
        await serving.SignalAsync("HUP");
        await serving.WaitForLogAsync(line => line.Contains(notReloaded, StringComparison.Ordinal) && line.Contains("does not match", StringComparison.Ordinal));

        (exitCode, output, error) = await SendOverStartTlsAsync(serving.Port, Authority);
        Assert.True(exitCode == 0, error + output);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(Store, "new")).Length);
    }

    [Fact]
    public async Task Serve_logs_the_certificate_it_presents_and_warns_when_it_has_expired()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 expired = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        string certificate = Path.Combine(_folder, "expired.pem"), keyFile = Path.Combine(_folder, "expired.key");
        File.WriteAllText(certificate, expired.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());

        await using RunningTool serving = await RunningTool.StartServeAsync(_folder, new Dictionary<string, string>(), "--port", "0", "--store", Store, "--tls-certificate", certificate, "--tls-key", keyFile);

        string loaded = await serving.WaitForLogAsync(line => line.Contains($"TLS certificate loaded from {certificate}: CN=localhost, serial {expired.SerialNumber}", StringComparison.Ordinal));
        Assert.Contains("sent with 0 intermediate(s)", loaded, StringComparison.Ordinal);
        await serving.WaitForLogAsync(line => line.Contains("warn:", StringComparison.Ordinal) && line.Contains("The TLS certificate CN=localhost is not valid now", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_warns_of_a_certificate_in_its_file_that_is_not_sent_and_of_no_other()
    {
        // The chain (the root sent by many a fullchain file, the intermediate twice), then an unrelated certificate.
        string file = Path.Combine(_folder, "mixed.pem"), key = Path.Combine(_folder, "mixed.key");
        File.WriteAllText(file, string.Join('\n', FullChain, TestAuthority.Certificate.ExportCertificatePem(), TestAuthority.Intermediate.ExportCertificatePem(), TestCertificate.Server.ExportCertificatePem()));
        File.WriteAllText(key, FullChainKey);

        await using RunningTool serving = await RunningTool.StartServeAsync(_folder, new Dictionary<string, string>(), "--port", "0", "--store", Store, "--tls-certificate", file, "--tls-key", key);

        string loaded = await serving.WaitForLogAsync(line => line.Contains($"TLS certificate loaded from {file}", StringComparison.Ordinal));
        Assert.Contains("sent with 1 intermediate(s)", loaded, StringComparison.Ordinal);
        await serving.WaitForLogAsync(line => line.Contains($"The TLS certificate chain's {TestCertificate.Server.Subject} (serial {TestCertificate.Server.SerialNumber}) is not sent", StringComparison.Ordinal));
        Assert.Single(serving.Error, line => line.Contains("is not sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sighup_to_serve_without_tls_is_logged_and_ends_nothing()
    {
        await using RunningTool serving = await RunningTool.StartServeAsync(_folder, new Dictionary<string, string>(), "--port", "0", "--store", Store);

        await serving.SignalAsync("HUP");
        await serving.WaitForLogAsync(line => line.Contains("SIGHUP: no TLS certificate to reload", StringComparison.Ordinal));
        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "send", "--server", $"127.0.0.1:{serving.Port}", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b");

        Assert.True(exitCode == 0, error + output);
        await serving.SignalAsync("TERM");
        Assert.Equal(0, await serving.WaitForExitAsync());
    }

    [Theory]
    [InlineData("a key that is not the certificate's", "does not match")]
    [InlineData("a chain cut off", "2 certificate(s) begin in it, 1 whole: certificate 2 of the file is cut off or damaged")]
    [InlineData("a damaged certificate", "2 certificate(s) begin in it, 1 whole: certificate 1 of the file is cut off or damaged")]
    [InlineData("the intermediate first", "the key is that of certificate 2 of the file: the server's own must come first")]
    public async Task Serve_with_certificate_files_that_do_not_read_is_one_line_that_names_both_and_says_why(string files, string why)
    {
        string certificate = Path.Combine(_folder, "given.pem"), key = Path.Combine(_folder, "given.key");
        File.WriteAllText(certificate, files switch
        {
            "a chain cut off" => FullChain[..^200],
            "a damaged certificate" => FullChain.Remove(100, 1).Insert(100, "#"),
            "the intermediate first" => TestAuthority.Intermediate.ExportCertificatePem() + "\n" + TestAuthority.ServerBehindIntermediate.ExportCertificatePem(),
            _ => TestCertificate.Server.ExportCertificatePem(),
        });
        File.WriteAllText(key, FullChainKey);

        (int exitCode, _, string error) = await CommandRun.RunAsync("serve", "--port", "0", "--store", Store, "--tls-certificate", certificate, "--tls-key", key);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith($"smtpgen: cannot read the TLS certificate {certificate} with its key {key}: ", line, StringComparison.Ordinal);
        Assert.Contains(why, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trust_takes_every_certificate_of_a_pem_file()
    {
        string bundle = Path.Combine(_folder, "bundle.pem");
        File.WriteAllText(bundle, TestCertificate.Server.ExportCertificatePem() + "\n" + TestAuthority.Certificate.ExportCertificatePem());

        foreach ((string certificate, string key) in new[] { (Certificate, Key), (SignedCertificate, SignedKey) })
        {
            await using Serving serving = await Serving.StartAsync(Store, "--tls-certificate", certificate, "--tls-key", key);
            (int exitCode, string output, string error) = await SendOverStartTlsAsync(serving.Port, bundle);
            Assert.True(exitCode == 0, error + output);
        }

        Assert.Equal(2, Directory.GetFiles(Path.Combine(Store, "new")).Length);
    }

    [Fact]
    public async Task Trust_takes_a_certificate_in_der_too()
    {
        string der = Path.Combine(_folder, "server.der");
        File.WriteAllBytes(der, TestCertificate.Server.RawData);
        await using Serving serving = await Serving.StartAsync(Store, "--tls-certificate", Certificate, "--tls-key", Key);

        (int exitCode, string output, string error) = await SendOverStartTlsAsync(serving.Port, der);

        Assert.True(exitCode == 0, error + output);
        Assert.Single(Directory.GetFiles(Path.Combine(Store, "new")));
    }

    [Fact]
    public async Task Trust_of_a_file_without_a_certificate_is_one_line_that_names_it()
    {
        (int exitCode, _, string error) = await CommandRun.RunAsync(
            "send", "--server", "127.0.0.1:1", "--trust", Key, "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"smtpgen: cannot read the certificate to trust from {Key}: ", Assert.Single(error.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve", "--tls-key", "KEY", "--tls-certificate and --tls-key go together")]
    [InlineData("serve", "--implicit-tls", "", "--implicit-tls needs --tls-certificate")]
    [InlineData("serve", "--users", "USERS", "--users offers AUTH over TLS only")]
    [InlineData("serve", "--require-auth", "", "--require-auth needs --users")]
    [InlineData("send", "--starttls", "sometimes", "--starttls must be 'required', 'opportunistic' or 'never', not 'sometimes'")]
    public async Task A_tls_or_auth_mistake_is_one_line_and_exit_code_2(string command, string option, string value, string mistake)
    {
        File.WriteAllText(Users, "");
        string[] given = value switch
        {
            "" => [option],
            "KEY" => [option, Key],
            "USERS" => [option, Users],
            _ => [option, value],
        };
        string[] arguments = command == "serve"
            ? ["serve", "--port", "0", "--store", Store, .. given]
            : ["send", "--server", "127.0.0.1:1", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b", .. given];

        (int exitCode, _, string error) = await CommandRun.RunAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Equal($"smtpgen: {mistake}", error.Trim().Split('\n').Single()[..$"smtpgen: {mistake}".Length]);
    }

    /// <summary><c>send</c> of a small message over STARTTLS, required, trusting the certificates of <paramref name="trust"/>.</summary>
    private static Task<(int ExitCode, string Output, string Error)> SendOverStartTlsAsync(int port, string trust) =>
        CommandRun.RunAsync(
            "send", "--server", $"localhost:{port}", "--starttls", "required", "--trust", trust,
            "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b");
}
