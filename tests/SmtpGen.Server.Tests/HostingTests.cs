using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
    public async Task Invalid_options_stop_the_host_from_starting()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmtpServer(options => options.MaxErrors = 0, _maildir);
        using IHost host = builder.Build();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.StartAsync());
    }

    private sealed class NoBob : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forwardPath.StartsWith("bob@", StringComparison.Ordinal) ? SmtpResponse.Refuse(550, "5.1.1", "Not Bob") : SmtpResponse.Accept);
    }
}
