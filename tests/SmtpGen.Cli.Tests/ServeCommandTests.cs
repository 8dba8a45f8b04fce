using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen serve</c> receives mail into its Maildir until it is stopped.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "smtpgen-serve-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_stores_a_message_in_its_Maildir_and_exits_0_when_stopped()
    {
        await using Serving serving = await Serving.StartAsync(_store);
        string? accepted;
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", serving.Port);
            using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
            var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token;
            Assert.Equal("220 mx.test Service ready", await reader.ReadLineAsync(timeout));
            await tcp.GetStream().WriteAsync("HELO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n"u8.ToArray(), timeout);
            for (int reply = 0; reply < 4; reply++)
            {
                await reader.ReadLineAsync(timeout);
            }

            await tcp.GetStream().WriteAsync("served\r\n.\r\nQUIT\r\n"u8.ToArray(), timeout);
            accepted = await reader.ReadLineAsync(timeout);
        }

        Assert.Equal(0, await serving.StopAsync());
        string file = Assert.Single(Directory.GetFiles(Path.Combine(_store, "new")));
        Assert.Equal("served\r\n"u8.ToArray(), ServerTrace.Remove(await File.ReadAllBytesAsync(file)));
        Assert.Equal($"250 OK: queued as {Path.GetFileName(file)}", accepted);
    }

    [Fact]
    public async Task Serve_no_trace_stores_a_message_exactly_as_sent_without_the_trace_headers()
    {
        byte[] message = "Subject: untraced\r\n\r\nas sent\r\n"u8.ToArray();
        await using Serving serving = await Serving.StartAsync(_store, "--no-trace");

        (int exitCode, string output, string error) = await CommandRun.RunWithInputAsync(
            message, "send", "--server", $"127.0.0.1:{serving.Port}", "--from", "alice@example.com", "--to", "bob@example.com", "--file", "-");

        Assert.True(exitCode == 0, error + output);
        Assert.Equal(0, await serving.StopAsync());
        Assert.Equal(message, await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(Path.Combine(_store, "new")))));
    }

    [Fact]
    public async Task Serve_lmtp_takes_what_send_lmtp_sends_and_answers_each_recipient()
    {
        await using Serving serving = await Serving.StartAsync(_store, "--lmtp");
        Assert.Contains("serving LMTP on", serving.Output, StringComparison.Ordinal);

        (int exitCode, string sent, string error) = await CommandRun.RunAsync(
            "send", "--lmtp", "--server", $"127.0.0.1:{serving.Port}", "--from", "alice@example.com", "--to", "bob@example.com", "--to", "carol@example.com",
            "--subject", "over LMTP", "--body", "hello", "-v");

        Assert.True(exitCode == 0, error + sent);
        Assert.Contains("C: LHLO ", sent, StringComparison.Ordinal);
        Assert.Contains("smtpgen: sent to 2 of 2 recipient(s): 250 2.0.0 OK: queued as ", sent, StringComparison.Ordinal);
        Assert.Equal(0, await serving.StopAsync());
        Assert.Single(Directory.GetFiles(Path.Combine(_store, "new")));
    }

    [Fact]
    public async Task Command_timeout_cuts_a_silent_client_with_421()
    {
        await using Serving serving = await Serving.StartAsync(_store, "--command-timeout", "2");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", serving.Port);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
        var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
        Assert.Equal("220 mx.test Service ready", await reader.ReadLineAsync(timeout));

        var silence = Stopwatch.StartNew();
        string? cut = await reader.ReadLineAsync(timeout);

        Assert.StartsWith("421 ", cut, StringComparison.Ordinal);
        Assert.InRange(silence.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(20));
        Assert.Null(await reader.ReadLineAsync(timeout));
    }

    [Fact]
    public async Task Data_timeout_cuts_a_client_silent_in_the_middle_of_its_message_with_421()
    {
        await using Serving serving = await Serving.StartAsync(_store, "--data-timeout", "1");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", serving.Port);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
        var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
        await reader.ReadLineAsync(timeout);
        await tcp.GetStream().WriteAsync("HELO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n"u8.ToArray(), timeout);
        for (int reply = 0; reply < 3; reply++)
        {
            await reader.ReadLineAsync(timeout);
        }

        Assert.StartsWith("354 ", await reader.ReadLineAsync(timeout), StringComparison.Ordinal);
        var silence = Stopwatch.StartNew();
        string? cut = await reader.ReadLineAsync(timeout);

        Assert.StartsWith("421 ", cut, StringComparison.Ordinal);
        Assert.InRange(silence.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(20));
        Assert.Empty(Directory.GetFiles(Path.Combine(_store, "new")));
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_that_names_it_and_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        string port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        (int exitCode, _, string error) = await CommandRun.RunAsync("serve", "--port", port, "--store", _store);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"smtpgen: cannot listen on 127.0.0.1:{port}: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
