using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using SmtpGen.Server;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen send</c> against the real server.</summary>
public sealed class SendCommandTests : IAsyncDisposable
{
    private readonly MemoryMessageStore _store = new();
    private readonly SmtpListener _server;

    public SendCommandTests()
    {
        _server = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.test" }, _store, new NoCarol());
        _server.Start();
    }

    private string Server => $"127.0.0.1:{_server.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture)}";

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private sealed class NoCarol : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forwardPath.StartsWith("carol@", StringComparison.Ordinal) ? SmtpResponse.Refuse(550, "5.1.1", "No such user") : SmtpResponse.Accept);
    }

    [Fact]
    public async Task A_subject_and_body_become_a_plain_text_message()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "send", "--server", Server, "--from", "alice@example.com", "--to", "bob@example.com", "--subject", "Grüße", "--body", "line one\nline two", "--helo", "client.test");

        Assert.True(exitCode == 0, error + output);
        Assert.Equal($"smtpgen: sent to 1 of 1 recipient(s): 250 2.0.0 OK: queued as {_store.Messages.Single().Id}", output.Trim());
        StoredMessage stored = Assert.Single(_store.Messages);
        string message = Encoding.UTF8.GetString(ServerTrace.Remove(stored.Data));
        Assert.StartsWith("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: =?utf-8?B?R3LDvMOfZQ==?=\r\nDate: ", message, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nline one\r\nline two\r\n", message, StringComparison.Ordinal);
        Assert.Equal("client.test", stored.Envelope.HeloName);
    }

    [Fact]
    public async Task A_message_file_is_sent_octet_for_octet_and_v_prints_the_transcript()
    {
        string file = Path.GetTempFileName();
        try
        {
            byte[] message = Encoding.ASCII.GetBytes("Subject: from a file\r\n\r\n.starts with a dot\r\n");
            await File.WriteAllBytesAsync(file, message);
            (int exitCode, string output, string error) = await CommandRun.RunAsync(
                "send", "--server", Server, "--from", "alice@example.com", "--to", "bob@example.com", "--to", "dave@example.com", "--file", file, "-v");

            Assert.True(exitCode == 0, error + output);
            Assert.Equal(message, ServerTrace.Remove(Assert.Single(_store.Messages).Data));
            Assert.Contains("C: MAIL FROM:<alice@example.com>", output, StringComparison.Ordinal);
            Assert.Contains("C: ..starts with a dot", output, StringComparison.Ordinal);
            Assert.Contains($"S: 250 2.0.0 OK: queued as {_store.Messages.Single().Id}", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_refused_recipient_is_named_and_the_exit_code_is_1()
    {
        (int exitCode, string output, _) = await CommandRun.RunAsync(
            "send", "--server", Server, "--from", "alice@example.com", "--to", "bob@example.com", "--to", "carol@example.com", "--subject", "s", "--body", "b");

        Assert.Equal(1, exitCode);
        Assert.Contains("smtpgen: carol@example.com refused: 550 5.1.1 No such user", output, StringComparison.Ordinal);
        Assert.Contains("smtpgen: sent to 1 of 2 recipient(s)", output, StringComparison.Ordinal);
        Assert.Equal(["bob@example.com"], Assert.Single(_store.Messages).Envelope.Recipients);
    }

    [Fact]
    public async Task A_message_on_standard_input_is_sent_with_file_dash()
    {
        byte[] message = Encoding.ASCII.GetBytes("Subject: from standard input\r\n\r\npiped\r\n");

        (int exitCode, string output, string error) = await CommandRun.RunWithInputAsync(
            message, "send", "--server", Server, "--from", "alice@example.com", "--to", "bob@example.com", "--file", "-");

        Assert.True(exitCode == 0, error + output);
        Assert.Equal(message, ServerTrace.Remove(Assert.Single(_store.Messages).Data));
    }

    [Fact]
    public async Task The_SIZE_declared_for_a_file_of_LF_lines_is_the_number_of_octets_the_server_received()
    {
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "Subject: LF only\n\nline one\nline two\n");
            (int exitCode, string output, string error) = await CommandRun.RunAsync(
                "send", "--server", Server, "--from", "alice@example.com", "--to", "bob@example.com", "--file", file, "-v");

            Assert.True(exitCode == 0, error + output);
            byte[] received = ServerTrace.Remove(Assert.Single(_store.Messages).Data);
            Assert.Equal("Subject: LF only\r\n\r\nline one\r\nline two\r\n", Encoding.ASCII.GetString(received));
            Match mail = Regex.Match(output, @"C: MAIL FROM:<alice@example\.com> SIZE=(\d+)");
            Assert.True(mail.Success, output);
            Assert.Equal(received.Length, int.Parse(mail.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A server that refuses the only recipient and closes: the refusal is the whole story, with no line about QUIT.</summary>
    [Fact]
    public async Task Every_recipient_refused_by_a_server_that_then_closes_is_told_in_its_own_lines_and_exit_code_1()
    {
        await using var server = SmtpGen.Interop.Tests.Scripted.ScriptedServer.Start(async s =>
        {
            await s.ReplyAsync("220 fake.test ESMTP");
            Assert.StartsWith("EHLO ", await s.ReadLineAsync(), StringComparison.Ordinal);
            await s.ReplyAsync("250-fake.test", "250 PIPELINING");
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK", "550 5.1.1 No such user");
        });

        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "send", "--server", $"127.0.0.1:{server.Port.ToString(CultureInfo.InvariantCulture)}", "--from", "alice@example.com", "--to", "bob@example.com",
            "--subject", "s", "--body", "b", "--timeout", "5");

        Assert.Equal(1, exitCode);
        Assert.Equal(
            ["smtpgen: bob@example.com refused: 550 5.1.1 No such user", "smtpgen: not sent: every recipient was refused"],
            (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        await server.Completion;
    }

    [Fact]
    public async Task A_server_that_never_greets_is_left_after_timeout_with_one_line_naming_it_and_exit_code_1()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        string server = $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";
        var clock = Stopwatch.StartNew();

        (int exitCode, _, string error) = await CommandRun.RunAsync(
            "send", "--server", server, "--from", "alice@example.com", "--to", "bob@example.com", "--subject", "s", "--body", "b", "--timeout", "1");

        Assert.Equal(1, exitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.StartsWith($"smtpgen: {server}: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_one_line_naming_it_and_exit_code_1()
    {
        // Free a moment ago and below the ephemeral range, so no other test's server can have taken it since.
        int port = SmtpGen.Interop.Tests.Peers.Loopback.FreePort();

        (int exitCode, _, string error) = await CommandRun.RunAsync(
            "send", "--server", $"127.0.0.1:{port}", "--from", "alice@example.com", "--to", "bob@example.com", "--subject", "s", "--body", "b");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"smtpgen: cannot connect to 127.0.0.1:{port}: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
