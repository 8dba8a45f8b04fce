using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen serve</c> receives mail into its Maildir until it is stopped.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "smtpgen-serve-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    [GeneratedRegex(@"serving [SL]MTP on 127\.0\.0\.1:(\d+) as mx\.test")]
    private static partial Regex ServingLine();

    [Fact]
    public async Task Serve_stores_a_message_in_its_Maildir_and_exits_0_when_stopped()
    {
        using var stop = new CancellationTokenSource();
        var text = new StringWriter();
        TextWriter output = TextWriter.Synchronized(text);   // serve writes from its own thread: it locks the writer
        Task<int> serving = Commands.RunAsync(["serve", "--port", "0", "--store", _store, "--name", "mx.test"], output, TextWriter.Null, stop.Token);
        int port = await WaitForPortAsync(text, output, serving);

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", port);
            using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
            var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token;
            Assert.Equal("220 mx.test Service ready", await reader.ReadLineAsync(timeout));
            await tcp.GetStream().WriteAsync("HELO c\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n"u8.ToArray(), timeout);
            for (int reply = 0; reply < 4; reply++)
            {
                await reader.ReadLineAsync(timeout);
            }

            await tcp.GetStream().WriteAsync("served\r\n.\r\nQUIT\r\n"u8.ToArray(), timeout);
            Assert.Equal("250 OK: Message accepted", await reader.ReadLineAsync(timeout));
        }

        await stop.CancelAsync();
        Assert.Equal(0, await serving);
        string file = Assert.Single(Directory.GetFiles(Path.Combine(_store, "new")));
        Assert.Equal("served\r\n", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Serve_lmtp_takes_what_send_lmtp_sends_and_answers_each_recipient()
    {
        using var stop = new CancellationTokenSource();
        var text = new StringWriter();
        TextWriter output = TextWriter.Synchronized(text);
        Task<int> serving = Commands.RunAsync(["serve", "--lmtp", "--port", "0", "--store", _store, "--name", "mx.test"], output, TextWriter.Null, stop.Token);
        int port = await WaitForPortAsync(text, output, serving);
        lock (output)
        {
            Assert.Contains("serving LMTP on", text.ToString(), StringComparison.Ordinal);
        }

        (int exitCode, string sent, string error) = await CommandRun.RunAsync(
            "send", "--lmtp", "--server", $"127.0.0.1:{port}", "--from", "alice@example.com", "--to", "bob@example.com", "--to", "carol@example.com",
            "--subject", "over LMTP", "--body", "hello", "-v");

        Assert.True(exitCode == 0, error + sent);
        Assert.Contains("C: LHLO ", sent, StringComparison.Ordinal);
        Assert.Contains("smtpgen: sent to 2 of 2 recipient(s): 250 2.0.0 OK: Message accepted", sent, StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(0, await serving);
        Assert.Single(Directory.GetFiles(Path.Combine(_store, "new")));
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_code_1()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var error = new StringWriter();
        int exitCode = await Commands.RunAsync(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--store", _store], TextWriter.Null, error, CancellationToken.None);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("smtpgen: ", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Trim().Split('\n'));
    }

    private static async Task<int> WaitForPortAsync(StringWriter text, TextWriter output, Task<int> serving)
    {
        for (int attempt = 0; attempt < 500; attempt++)
        {
            string written;
            lock (output)
            {
                written = text.ToString();
            }

            Match match = ServingLine().Match(written);
            if (match.Success)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            Assert.False(serving.IsCompleted, $"serve ended early: {written}");
            await Task.Delay(20);
        }

        throw new TimeoutException("serve did not say where it listens");
    }
}
