using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>Logging with the session id in every scope, and the server's metrics.</summary>
public class ObservabilityTests
{
    [Fact]
    public async Task Every_log_entry_of_a_session_carries_its_session_id()
    {
        var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(provider));
        await using (TestServer server = TestServer.Start(loggerFactory: loggerFactory))
        {
            await using RawClient client = await server.ConnectAsync();
            await client.StartMessageAsync("a@example.com", "b@example.com");
            await client.CommandAsync("x\r\n.");
            await client.CommandAsync("BOGUS");
            await client.CommandAsync("QUIT");
        }

        // The listener's own entries, where it listens and its stop, belong to no session.
        RecordingLoggerProvider.Entry[] sessionEntries = provider.Entries.Where(e => !e.Message.StartsWith("Listening", StringComparison.Ordinal) && !e.Message.StartsWith("Stopping", StringComparison.Ordinal)).ToArray();
        Assert.Contains(sessionEntries, e => e.Message == "Stored message 1: 3 octets from <a@example.com> to <b@example.com>, at 1");
        Assert.Contains(sessionEntries, e => e.Message.StartsWith("Refused BOGUS with 500", StringComparison.Ordinal));
        Assert.All(sessionEntries, e => Assert.NotNull(e.SessionId));
        Assert.Single(sessionEntries.Select(e => e.SessionId).Distinct());
    }

    [Fact]
    public async Task A_refusal_is_logged_at_Information_with_its_command_reply_code_and_text()
    {
        var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(provider));
        await using (TestServer server = TestServer.Start(options => options.MaxMessageSize = 1000, loggerFactory: loggerFactory))
        {
            await using RawClient client = await server.ConnectAsync();
            await client.ReadReplyAsync();
            await client.CommandAsync("EHLO client.example.com");
            Assert.StartsWith("552 ", await client.CommandAsync("MAIL FROM:<a@example.com> SIZE=2000"), StringComparison.Ordinal);
            Assert.StartsWith("502 ", await client.CommandAsync("EXPN staff"), StringComparison.Ordinal);
        }

        Assert.Contains(provider.Entries, e => e.Level == LogLevel.Information && e.Message == "Refused MAIL with 552: Message size exceeds fixed maximum message size");
        Assert.Contains(provider.Entries, e => e.Level == LogLevel.Information && e.Message == "Refused EXPN with 502: Command not implemented");
    }

    [Fact]
    public async Task A_refusal_of_a_line_that_did_not_parse_names_its_first_word_as_shown_safely()
    {
        var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(provider));
        await using (TestServer server = TestServer.Start(loggerFactory: loggerFactory))
        {
            await using RawClient client = await server.ConnectAsync();
            await client.ReadReplyAsync();
            await client.CommandAsync("EHLO client.example.com");
            Assert.StartsWith("501 ", await client.CommandAsync("rcpt TO:nobody"), StringComparison.Ordinal);
            Assert.StartsWith("500 ", await client.CommandAsync("X\u001B[2JFORGEDVERBISLONG rest"), StringComparison.Ordinal);
            Assert.StartsWith("500 ", await client.CommandAsync(""), StringComparison.Ordinal);
            Assert.StartsWith("500 ", await client.CommandAsync("NOOP " + new string('x', 600)), StringComparison.Ordinal);
            Assert.StartsWith("503 ", await client.CommandAsync("DATA"), StringComparison.Ordinal);
        }

        Assert.Equal(
            [
                "Refused RCPT with 501: Bad recipient address syntax",
                "Refused X\\x1B[2JFORGEDVERBI with 500: Syntax error, command unrecognized",
                "Refused (no verb) with 500: Syntax error, command unrecognized",
                "Refused NOOP with 500: Syntax error, line too long",
                "Refused DATA with 503: Bad sequence of commands",
            ],
            provider.Entries.Where(e => e.Message.StartsWith("Refused", StringComparison.Ordinal)).Select(e => e.Message));
    }

    [Fact]
    public async Task A_policys_refusal_is_logged_once_naming_the_sender_or_recipient_it_refused()
    {
        var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(provider));
        await using (TestServer server = TestServer.Start(loggerFactory: loggerFactory, policy: new RefusingNobodyAndSpam()))
        {
            await using RawClient client = await server.ConnectAsync();
            await client.ReadReplyAsync();
            await client.CommandAsync("EHLO client.example.com");
            Assert.StartsWith("550 ", await client.CommandAsync("MAIL FROM:<x@spam.example>"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<a@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("550 ", await client.CommandAsync("RCPT TO:<nobody@example.com>"), StringComparison.Ordinal);
        }

        Assert.Equal(
            ["Refused MAIL <x@spam.example> with 550: Sender rejected", "Refused RCPT <nobody@example.com> with 550: No such user here"],
            provider.Entries.Where(e => e.Level == LogLevel.Information && e.Message.StartsWith("Refused", StringComparison.Ordinal)).Select(e => e.Message));
    }

    [Fact]
    public async Task The_greetings_refusal_names_no_command_and_the_refusals_after_it_name_theirs()
    {
        var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(provider));
        await using (TestServer server = TestServer.Start(loggerFactory: loggerFactory, policy: new RefusingEveryClient()))
        {
            await using RawClient client = await server.ConnectAsync();
            Assert.StartsWith("554 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
            Assert.StartsWith("503 ", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        }

        Assert.Equal(
            ["Refused with 554: No service for you", "Refused EHLO with 503: Bad sequence of commands"],
            provider.Entries.Where(e => e.Message.StartsWith("Refused", StringComparison.Ordinal)).Select(e => e.Message));
    }

    private sealed class RefusingEveryClient : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptClientAsync(SmtpSessionInfo session, CancellationToken cancellationToken) =>
            ValueTask.FromResult(SmtpResponse.Refuse(554, "5.7.1", "No service for you"));
    }

    private sealed class RefusingNobodyAndSpam : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(reversePath.EndsWith("@spam.example", StringComparison.Ordinal) ? SmtpResponse.Refuse(550, "5.7.1", "Sender rejected") : SmtpResponse.Accept);

        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forwardPath.StartsWith("nobody@", StringComparison.Ordinal) ? SmtpResponse.Refuse(550, "5.1.1", "No such user here") : SmtpResponse.Accept);
    }

    [Fact]
    public async Task A_connection_the_client_drops_in_the_data_is_logged_with_where_it_broke()
    {
        var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(provider));
        await using (TestServer server = TestServer.Start(loggerFactory: loggerFactory))
        {
            await using (RawClient client = await server.ConnectAsync())
            {
                await client.StartMessageAsync("a@example.com", "b@example.com");
                await client.SendAsync("Subject: cut\r\n");
            }

            await using (RawClient idle = await server.ConnectAsync())
            {
                await idle.ReadReplyAsync();
                await idle.CommandAsync("EHLO client.example.com");
            }

            // Both sessions see their client leave before the server stops, which would end them itself.
            await Eventually.WaitUntilAsync(() => provider.Entries.Count(e => e.Message.StartsWith("Session ended", StringComparison.Ordinal)) == 2, "the end of both sessions");
        }

        Assert.Contains(provider.Entries, e => e.Level == LogLevel.Information && e.Message == "The client closed the connection in the message data, after 14 octets, without QUIT");
        Assert.Contains(provider.Entries, e => e.Message == "The client closed the connection in state Ready, without QUIT");
    }

    [Fact]
    public async Task Sessions_messages_octets_and_rejections_are_counted()
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        IMeterFactory meterFactory = services.GetRequiredService<IMeterFactory>();
        var totals = new ConcurrentDictionary<string, long>();
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => totals.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        meterListener.Start();

        await using (TestServer server = TestServer.Start(metrics: new SmtpServerMetrics(meterFactory)))
        {
            await using RawClient client = await server.ConnectAsync();
            await client.StartMessageAsync("a@example.com", "b@example.com");
            await client.CommandAsync("12345\r\n.");
            await client.CommandAsync("BOGUS");
            await client.CommandAsync("QUIT");
        }

        Assert.Equal(1, totals["smtpgen.server.sessions"]);
        Assert.Equal(0, totals["smtpgen.server.active_sessions"]);
        Assert.Equal(1, totals["smtpgen.server.messages"]);
        Assert.Equal(7, totals["smtpgen.server.bytes"]);
        Assert.Equal(1, totals["smtpgen.server.rejections"]);
    }
}
