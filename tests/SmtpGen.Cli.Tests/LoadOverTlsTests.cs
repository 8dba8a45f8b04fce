using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SmtpGen.Server;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen load</c> with <c>--starttls</c> and <c>--trust</c>: every message over TLS, or the run stopped at once with one line.</summary>
public sealed class LoadOverTlsTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smtpgen-load-tls-").FullName;
    private readonly MemoryMessageStore _store = new();
    private readonly SmtpListener _secure;
    private readonly SmtpListener _plain;

    public LoadOverTlsTests()
    {
        File.WriteAllText(Certificate, TestCertificate.Server.ExportCertificatePem());
        _secure = Listen(TestCertificate.Server);
        _plain = Listen(certificate: null);
    }

    private string Certificate => Path.Combine(_folder, "server.crt");

    public async ValueTask DisposeAsync()
    {
        await _secure.DisposeAsync();
        await _plain.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task With_starttls_required_every_message_arrives_over_tls()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "load", "--server", At(_secure), "--starttls", "required", "--trust", Certificate, "--messages", "12", "--sessions", "3", "--size", "600", "--no-progress");

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("sent      12 messages of 600 octets in ", output, StringComparison.Ordinal);
        Assert.Equal(12, _store.Messages.Count);
        Assert.All(_store.Messages, message => Assert.Contains(" with ESMTPS id ", Encoding.ASCII.GetString(message.Data), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starttls_required_of_a_server_without_it_stops_the_run_with_one_line_and_sends_nothing()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "load", "--server", At(_plain), "--starttls", "required", "--messages", "1000", "--sessions", "4", "--no-progress");

        Assert.Equal(1, exitCode);
        Assert.Equal($"smtpgen: {At(_plain)}: The server does not offer STARTTLS, and the options require TLS.", error.Trim());
        Assert.DoesNotContain("sent", output, StringComparison.Ordinal);
        Assert.Empty(_store.Messages);
    }

    [Fact]
    public async Task A_certificate_not_trusted_stops_the_run_and_sends_nothing()
    {
        (int exitCode, _, string error) = await CommandRun.RunAsync(
            "load", "--server", At(_secure), "--starttls", "required", "--messages", "1000", "--sessions", "4", "--no-progress");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"smtpgen: {At(_secure)}: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(_store.Messages);
    }

    [Fact]
    public async Task Implicit_tls_and_starttls_together_are_a_mistake_of_one_line()
    {
        (int exitCode, _, string error) = await CommandRun.RunAsync(
            "load", "--server", At(_secure), "--implicit-tls", "--starttls", "never");

        Assert.Equal(2, exitCode);
        Assert.Contains("--implicit-tls starts with TLS: --starttls does not go with it", error, StringComparison.Ordinal);
        Assert.Empty(_store.Messages);
    }

    /// <summary>The listener's address by name: the name the test certificate is for.</summary>
    private static string At(SmtpListener listener) => $"localhost:{listener.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture)}";

    private SmtpListener Listen(X509Certificate2? certificate)
    {
        var listener = new SmtpListener(
            new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.test", Certificate = certificate }, _store);
        listener.Start();
        return listener;
    }
}
