using System.Globalization;
using System.Net;
using SmtpGen.Interop.Tests.Peers;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// <c>serve</c>'s settings from <c>smtpgen.json</c>, then <c>appsettings.json</c>, then <c>SMTPGEN_</c> environment variables,
/// then the command line, each over the one before; a setting that cannot work stops the start in one line.
/// </summary>
public sealed class ServeConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smtpgen-configuration-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Smtpgen_json_sets_the_port_and_an_environment_variable_a_limit()
    {
        int port = Loopback.FreePort();
        await File.WriteAllTextAsync(Path.Combine(_directory, "smtpgen.json"), $$"""{ "Smtp": { "Port": {{port}}, "ServerName": "configured.test" } }""");

        await using RunningTool serve = await RunningTool.StartServeAsync(_directory, new Dictionary<string, string> { ["SMTPGEN_Smtp__MaxMessageSize"] = "4096" });

        Assert.Equal(port, serve.Port);
        await using RawClient client = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        Assert.Equal("220 configured.test Service ready", await client.ReadReplyAsync());
        Assert.Contains("250-SIZE 4096", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appsettings_json_overrides_smtpgen_json_the_environment_both_and_the_command_line_all()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "smtpgen.json"), """{ "Smtp": { "MaxMessageSize": 1000, "MaxRecipients": 1, "ServerName": "file.test" } }""");
        await File.WriteAllTextAsync(Path.Combine(_directory, "appsettings.json"), """{ "Smtp": { "MaxMessageSize": 2000, "MaxRecipients": 2 } }""");
        var environment = new Dictionary<string, string> { ["SMTPGEN_Smtp__MaxRecipients"] = "3" };

        await using RunningTool serve = await RunningTool.StartServeAsync(_directory, environment, "--port", "0", "--max-recipients", "4");

        await using RawClient client = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, serve.Port));
        Assert.Equal("220 file.test Service ready", await client.ReadReplyAsync());
        Assert.Contains("250-SIZE 2000", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        await client.CommandAsync("MAIL FROM:<a@example.com>");
        for (int recipient = 1; recipient <= 4; recipient++)
        {
            Assert.Equal("250 2.1.5 OK", await client.CommandAsync(string.Create(CultureInfo.InvariantCulture, $"RCPT TO:<r{recipient}@example.com>")));
        }

        Assert.Equal("452 4.5.3 Too many recipients", await client.CommandAsync("RCPT TO:<r5@example.com>"));
    }

    [Theory]
    [InlineData("""{ "Smtp": { "MaxErrors": 0 } }""", "smtpgen: invalid setting: MaxErrors must be at least 1, not 0")]
    [InlineData("""{ "Smtp": { "Port": "smtp" } }""", "smtpgen: invalid setting: Smtp:Port is 'smtp', not a port number")]
    [InlineData("""{ "Smtp": { "Address": "mail.example.com" } }""", "smtpgen: invalid setting: Address 'mail.example.com' is not an IP address")]
    [InlineData("""{ "Smtp": { "MaxRecipent": 3 } }""", "smtpgen: invalid setting: Smtp:MaxRecipent is no setting of the server's; its settings are Address, Port, ServerName, MaxCommandLineLength, MaxTextLineLength, MaxMessageSize, MaxRecipients, CommandTimeout, DataTimeout, MinDataRate, PolicyTimeout, MaxSessions, MaxSessionsPerAddress, MaxConnectionRatePerAddress, ConnectionRateInterval, ConnectionLimitExemptions, MaxErrors, TlsHandshakeTimeout, StopGracePeriod, ReleaseMemoryWhenIdleFor, AddTraceHeaders, BareLineEndings")]
    [InlineData("""{ "Smtp": { "Port": 0, """, "smtpgen: invalid settings: Failed to load configuration from file '{directory}/smtpgen.json'. Expected start of a property name or value, but instead reached end of data. LineNumber: 0 | BytePositionInLine: 23.")]
    public async Task A_setting_in_configuration_that_cannot_work_stops_the_start_with_one_line_that_names_it(string configuration, string mistake)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "smtpgen.json"), configuration);

        (int exitCode, string[] error) = await RunningTool.RunServeAsync(_directory, new Dictionary<string, string>(), "--port", "0");

        Assert.Equal(1, exitCode);
        Assert.Equal([mistake.Replace("{directory}", _directory, StringComparison.Ordinal)], error);
    }
}
