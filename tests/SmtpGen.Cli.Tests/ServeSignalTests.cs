using System.Net;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// SIGTERM (systemd, docker, kill) and SIGINT (Ctrl+C) stop the real <c>smtpgen serve</c> as its host's stop does: 421 to
/// every session, nothing left of a message half received, exit code 0.
/// </summary>
public sealed class ServeSignalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smtpgen-signal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_during_DATA_gets_the_client_421_leaves_tmp_empty_and_exits_0(string signal)
    {
        string store = Path.Combine(_directory, "mail");
        await using RunningTool serve = await RunningTool.StartServeAsync(_directory, new Dictionary<string, string>(), "--port", "0", "--store", store);
        await using RawClient client = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, serve.Port));
        await client.StartMessageAsync("alice@example.com", "bob@example.com");
        await client.SendAsync("Subject: cut short\r\n\r\n" + new string('x', 100_000) + "\r\n");
        await serve.WaitForLogAsync(line => line.Contains("Session from", StringComparison.Ordinal));
        await Eventually.WaitUntilAsync(() => Directory.GetFiles(Path.Combine(store, "tmp")) is [string file] && new FileInfo(file).Length > 0, "the message's file in tmp/");

        await serve.SignalAsync(signal);

        Assert.Equal("421 4.3.2 Service shutting down, closing transmission channel", await client.ReadReplyAsync());
        Assert.Equal(0, await serve.WaitForExitAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(store, "tmp")));
        Assert.Empty(Directory.GetFiles(Path.Combine(store, "new")));
        Assert.Contains(serve.Error, line => line.Contains("The server's stop ended the session in the message data, after ", StringComparison.Ordinal));
        Assert.Equal("smtpgen: stopped", serve.Output.Last());
    }
}
