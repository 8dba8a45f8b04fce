using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>What a listener keeps of what it was given (the options it checked, the end point it listened on), and what it says of a start that failed.</summary>
public sealed class ListenerOptionsTests
{
    [Fact]
    public async Task Options_changed_after_the_listener_was_made_change_nothing_of_it()
    {
        var options = new SmtpServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            ServerName = "checked.example.com",
            MaxRecipients = 1,
            Authentication = new SmtpAuthenticationOptions { ValidatePassword = static (_, _, _) => ValueTask.FromResult(false), AllowInsecureAuth = true, FailureDelay = TimeSpan.Zero },
        };
        await using var listener = new SmtpListener(options, new MemoryMessageStore());
        options.ServerName = "not a domain";
        options.MaxRecipients = 0;
        options.Authentication.MaxFailures = 1;
        listener.Start();

        await using RawClient client = await RawClient.ConnectAsync(listener.LocalEndPoint!);
        Assert.Equal("220 checked.example.com Service ready", await client.ReadReplyAsync());
        string hello = await client.CommandAsync("EHLO c.example.com");
        Assert.StartsWith("250-checked.example.com ", hello, StringComparison.Ordinal);
        Assert.StartsWith("535 ", await client.CommandAsync("AUTH PLAIN AGFsaWNlAHdyb25n"), StringComparison.Ordinal);
        await client.CommandAsync("MAIL FROM:<a@example.com>");
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<b@example.com>"));
        Assert.Equal("452 4.5.3 Too many recipients", await client.CommandAsync("RCPT TO:<c@example.com>"));
    }

    [Fact]
    public async Task Listening_on_the_IPv6_any_address_takes_IPv4_clients_too_told_by_their_IPv4_address()
    {
        var store = new MemoryMessageStore();
        await using var listener = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.IPv6Any, 0) }, store);
        listener.Start();
        int port = listener.LocalEndPoint!.Port;

        await using RawClient overIPv4 = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await using RawClient overIPv6 = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, port));
        Assert.StartsWith("220 ", await overIPv6.ReadReplyAsync(), StringComparison.Ordinal);
        await overIPv4.StartMessageAsync("alice@example.com", "bob@example.com");
        Assert.StartsWith("250 ", await overIPv4.CommandAsync("Hi\r\n."), StringComparison.Ordinal);

        // The socket says ::ffff:127.0.0.1; the envelope (and the policy, and the log) say what the client is.
        Assert.Equal(IPAddress.Loopback, ((IPEndPoint)store.Messages.Single().Envelope.ClientEndPoint!).Address);
    }

    [Fact]
    public async Task Listening_on_the_IPv6_any_address_where_IPv4s_port_is_taken_listens_on_IPv6_alone()
    {
        await using var overIPv4 = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Any, 0), ServerName = "four.example.com" }, new MemoryMessageStore());
        overIPv4.Start();
        int port = overIPv4.LocalEndPoint!.Port;
        await using var overIPv6 = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.IPv6Any, port), ServerName = "six.example.com" }, new MemoryMessageStore());

        overIPv6.Start();

        await using RawClient four = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await using RawClient six = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, port));
        Assert.Equal("220 four.example.com Service ready", await four.ReadReplyAsync());
        Assert.Equal("220 six.example.com Service ready", await six.ReadReplyAsync());
    }

    [Fact]
    public async Task A_listener_whose_start_failed_does_not_log_a_stop()
    {
        var log = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));
        await using var first = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, new MemoryMessageStore());
        first.Start();
        var second = new SmtpListener(new SmtpServerOptions { EndPoint = first.LocalEndPoint! }, new MemoryMessageStore(), loggerFactory: loggerFactory);

        Assert.Throws<SocketException>(second.Start);
        await second.DisposeAsync();

        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task The_local_end_point_is_null_before_the_start_and_stays_what_it_was_after_the_stop()
    {
        await using var listener = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, new MemoryMessageStore());
        Assert.Null(listener.LocalEndPoint);
        listener.Start();
        IPEndPoint listening = listener.LocalEndPoint!;

        await listener.StopAsync();

        Assert.NotEqual(0, listening.Port);
        Assert.Equal(listening, listener.LocalEndPoint);
    }
}
