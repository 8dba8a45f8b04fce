using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmtpGen.Interop.Tests.Peers;

namespace SmtpGen.Server.Tests;

/// <summary>The server as a hosted service of a Microsoft.Extensions.Hosting host.</summary>
public sealed class HostingTests : IDisposable
{
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "smtpgen-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }

    [Fact]
    public async Task AddSmtpServer_runs_the_server_with_the_Maildir_store_while_the_host_runs()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmtpServer(options =>
        {
            options.EndPoint = new IPEndPoint(IPAddress.Loopback, 0);
            options.ServerName = "hosted.example.com";
        }, _maildir);
        using IHost host = builder.Build();
        await host.StartAsync();

        IPEndPoint endPoint = host.Services.GetRequiredService<SmtpServerHostedService>().Listener.LocalEndPoint!;
        await using (RawClient client = await RawClient.ConnectAsync(endPoint))
        {
            Assert.Equal("220 hosted.example.com Service ready", await client.ReadReplyAsync());
            await client.CommandAsync("HELO c.example.com");
            await client.CommandAsync("MAIL FROM:<a@example.com>");
            await client.CommandAsync("RCPT TO:<b@example.com>");
            await client.CommandAsync("DATA");
            Assert.StartsWith("250 ", await client.CommandAsync("hosted\r\n."));
        }

        await host.StopAsync();
        string file = Assert.Single(Directory.GetFiles(Path.Combine(_maildir, "new")));
        Assert.Equal("hosted\r\n", Encoding.ASCII.GetString(ServerTrace.Remove(await File.ReadAllBytesAsync(file))));
    }

    [Fact]
    public async Task A_store_and_policy_registered_by_the_application_replace_the_defaults()
    {
        var store = new MemoryMessageStore();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IMessageStore>(store);
        builder.Services.AddSingleton<SmtpPolicy>(new NoBob());
        builder.Services.AddSmtpServer(options => options.EndPoint = new IPEndPoint(IPAddress.Loopback, 0), _maildir);
        using IHost host = builder.Build();
        await host.StartAsync();

        IPEndPoint endPoint = host.Services.GetRequiredService<SmtpServerHostedService>().Listener.LocalEndPoint!;
        await using (RawClient client = await RawClient.ConnectAsync(endPoint))
        {
            Assert.StartsWith("220 ", await client.ReadReplyAsync());
            await client.CommandAsync("EHLO c.example.com");
            await client.CommandAsync("MAIL FROM:<a@example.com>");
            Assert.Equal("550 5.1.1 Not Bob", await client.CommandAsync("RCPT TO:<bob@example.com>"));
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<carol@example.com>"));
            Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
            Assert.StartsWith("250 ", await client.CommandAsync("memory\r\n."));
        }

        await host.StopAsync();
        Assert.Single(store.Messages);
        Assert.False(Directory.Exists(_maildir));
    }

    [Fact]
    public async Task A_setting_that_cannot_work_stops_the_start_with_one_line_that_names_it()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmtpServer(options => options.MaxErrors = 0, _maildir);
        using IHost host = builder.Build();

        OptionsValidationException mistake = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("MaxErrors must be at least 1, not 0", mistake.Message);
    }

    [Fact]
    public async Task Configuration_sets_the_address_the_port_and_the_limits_and_configure_comes_after_it()
    {
        int port = Loopback.FreePort();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Address"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:MaxMessageSize"] = "4096",
            ["Smtp:CommandTimeout"] = "00:00:30",
            ["Smtp:PolicyTimeout"] = "00:00:20",
            ["Smtp:ConnectionLimitExemptions:0"] = "10.0.0.0/8",
            ["Smtp:BareLineEndings"] = "normalize",
            ["Smtp:ServerName"] = "configured.example.com",
            ["Smtp:AddTraceHeaders"] = "false",
            ["Smtp:ReleaseMemoryWhenIdleFor"] = "00:00:05",
            ["Smtp:StopGracePeriod"] = "1.00:00:00",
        });
        builder.Services.AddSmtpServer(builder.Configuration.GetSection("Smtp"), options => options.ServerName = "coded.example.com", _maildir);
        using IHost host = builder.Build();
        await host.StartAsync();

        SmtpServerOptions options = host.Services.GetRequiredService<IOptions<SmtpServerOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(30), options.CommandTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.PolicyTimeout);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8")], options.ConnectionLimitExemptions);
        Assert.Equal(BareLineEndingHandling.Normalize, options.BareLineEndings);
        Assert.False(options.AddTraceHeaders);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ReleaseMemoryWhenIdleFor);
        Assert.Equal(TimeSpan.FromDays(1), options.StopGracePeriod);
        await using (RawClient client = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)))
        {
            Assert.Equal("220 coded.example.com Service ready", await client.ReadReplyAsync());
            Assert.Contains("250-SIZE 4096", await client.CommandAsync("EHLO c.example.com"), StringComparison.Ordinal);
        }

        await host.StopAsync();
    }

    [Theory]
    [InlineData("Smtp:Port", "smtp", "Smtp:Port is 'smtp', not a port number")]
    [InlineData("Smtp:CommandTimeout", "2", "Smtp:CommandTimeout is '2', not a time such as 00:05:00 (hours:minutes:seconds)")]
    [InlineData("Smtp:StopGracePeriod", "30s", "Smtp:StopGracePeriod is '30s', not a time such as 00:05:00 (hours:minutes:seconds)")]
    public async Task A_value_of_the_wrong_kind_in_configuration_stops_the_start_naming_its_key(string key, string value, string refusal)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddSmtpServer(builder.Configuration.GetSection("Smtp"), maildir: _maildir);
        using IHost host = builder.Build();

        OptionsValidationException mistake = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(refusal, mistake.Message);
    }

    [Theory]
    [InlineData("Smtp:ConnectionLimitExemptions:0", "10.0.0.0/33", "Smtp:ConnectionLimitExemptions:0 is '10.0.0.0/33', not a network such as 10.0.0.0/8")]
    [InlineData("Smtp:ConnectionLimitExemptions", "10.0.0.0/8,nowhere", "Smtp:ConnectionLimitExemptions is '10.0.0.0/8,nowhere', not networks such as 10.0.0.0/8, separated by commas")]
    public async Task A_network_that_is_none_stops_the_start_naming_its_key(string key, string value, string refusal)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddSmtpServer(builder.Configuration.GetSection("Smtp"), maildir: _maildir);
        using IHost host = builder.Build();

        OptionsValidationException mistake = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(refusal, mistake.Message);
    }

    [Theory]
    [InlineData("10.0.0.0/8, ::1/128,", "10.0.0.0/8 ::1/128")]
    [InlineData("", "")]
    public async Task Networks_come_as_one_value_separated_by_commas_and_other_keys_are_the_applications(string value, string networks)
    {
        // One value is how the environment gives a list: SMTPGEN_Smtp__ConnectionLimitExemptions=10.0.0.0/8,::1/128.
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Address"] = "127.0.0.1",
            ["Smtp:Port"] = "0",
            ["Smtp:ConnectionLimitExemptions"] = value,
            ["Smtp:CertificatePath"] = "/etc/ssl/mail.pem",   // the application's own, beside the server's settings
        });
        builder.Services.AddSmtpServer(builder.Configuration.GetSection("Smtp"), maildir: _maildir);
        using IHost host = builder.Build();

        await host.StartAsync();   // the application's key stops nothing
        SmtpServerOptions options = host.Services.GetRequiredService<IOptions<SmtpServerOptions>>().Value;
        await host.StopAsync();

        Assert.Equal(networks, string.Join(' ', options.ConnectionLimitExemptions));
    }

    [Fact]
    public void The_configuration_settings_are_the_keys_the_server_reads_by_its_options_names()
    {
        Assert.Equal(
            ["Address", "Port", "ServerName", "MaxCommandLineLength", "MaxTextLineLength", "MaxMessageSize", "MaxRecipients", "CommandTimeout",
             "DataTimeout", "MinDataRate", "PolicyTimeout", "MaxSessions", "MaxSessionsPerAddress", "MaxConnectionRatePerAddress", "ConnectionRateInterval",
             "ConnectionLimitExemptions", "MaxErrors", "TlsHandshakeTimeout", "StopGracePeriod", "ReleaseMemoryWhenIdleFor", "AddTraceHeaders", "BareLineEndings"],
            SmtpServerServiceCollectionExtensions.ConfigurationSettings);
        Assert.All(SmtpServerServiceCollectionExtensions.ConfigurationSettings, name => Assert.NotNull(typeof(SmtpServerOptions).GetProperty(name)?.SetMethod));
    }

    [Fact]
    public async Task AddSmtpServer_twice_adds_one_server_with_the_settings_of_both_calls()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSmtpServer(options => options.MaxErrors = 3, _maildir);
        services.AddSmtpServer(options => options.MaxRecipients = 7, _maildir);
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IHostedService>());
        Assert.Single(services, service => service.ServiceType == typeof(IValidateOptions<SmtpServerOptions>));
        SmtpServerOptions options = provider.GetRequiredService<IOptions<SmtpServerOptions>>().Value;
        Assert.Equal((3, 7), (options.MaxErrors, options.MaxRecipients));
    }

    [Fact]
    public void Address_and_Port_make_the_end_point_and_setting_the_end_point_sets_them()
    {
        var options = new SmtpServerOptions { Address = "::1", Port = 2525 };
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 2525), options.EndPoint);

        options.EndPoint = new IPEndPoint(IPAddress.Parse("192.0.2.7"), 587);
        Assert.Equal(("192.0.2.7", 587), (options.Address, options.Port));

        options.Address = "mail.example.com";
        Assert.Equal("Address 'mail.example.com' is not an IP address", Assert.Throws<ArgumentException>(options.Validate).Message.Split(" (Parameter")[0]);
    }

    private sealed class NoBob : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forwardPath.StartsWith("bob@", StringComparison.Ordinal) ? SmtpResponse.Refuse(550, "5.1.1", "Not Bob") : SmtpResponse.Accept);
    }
}
