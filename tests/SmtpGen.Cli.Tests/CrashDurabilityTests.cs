using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SmtpGen.Client;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// <c>smtpgen serve</c> killed with SIGKILL while clients send, again and again, then started again on its Maildir: every
/// message acknowledged with 250 is in <c>new/</c> octet for octet with its envelope, no file there is part of a message,
/// and <c>tmp/</c> is empty once the store has opened again.
/// </summary>
public sealed partial class CrashDurabilityTests : IDisposable
{
    private const int Kills = 5;
    private readonly string _maildir = Directory.CreateTempSubdirectory("smtpgen-kill-").FullName;

    public void Dispose() => Directory.Delete(_maildir, recursive: true);

    [Fact]
    public async Task No_acknowledged_message_is_lost_and_nothing_partial_is_left_after_kill_9()
    {
        var acknowledged = new ConcurrentBag<byte[]>();
        var sent = new ConcurrentBag<byte[]>();
        int number = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            using Process server = StartServer(out int port);
            using var stop = new CancellationTokenSource();
            Task[] clients = [.. Enumerable.Range(0, 4).Select(_ => SendUntilStoppedAsync(port, () => Interlocked.Increment(ref number), sent, acknowledged, stop.Token))];
            await Task.Delay(Random.Shared.Next(150, 600));

            server.Kill();
            await server.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        // Started again, the store clears what the kills left in tmp/ before it listens.
        using (Process server = StartServer(out _))
        {
            Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "tmp")));
            server.Kill();
            await server.WaitForExitAsync();
        }

        string[] stored = Directory.GetFiles(Path.Combine(_maildir, "new"));
        HashSet<string> storedTexts = [.. stored.Select(file => Encoding.Latin1.GetString(ServerTrace.Remove(File.ReadAllBytes(file))))];
        HashSet<string> sentTexts = [.. sent.Select(octets => Encoding.Latin1.GetString(octets))];
        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, message => Assert.Contains(Encoding.Latin1.GetString(message), storedTexts));
        Assert.All(storedTexts, text => Assert.Contains(text, sentTexts));
        Assert.All(stored, file => Assert.True(File.Exists(Path.Combine(_maildir, "envelope", Path.GetFileName(file) + ".json")), file));
    }

    /// <summary>Sends messages one after another on fresh connections, noting each sent and each acknowledged, until stopped or refused.</summary>
    private static async Task SendUntilStoppedAsync(int port, Func<int> next, ConcurrentBag<byte[]> sent, ConcurrentBag<byte[]> acknowledged, CancellationToken stop)
    {
        var options = new SmtpClientOptions { ClientDomain = "client.example.com", ConnectTimeout = TimeSpan.FromSeconds(5), CommandTimeout = TimeSpan.FromSeconds(5) };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", port, options, stop);
                for (int i = 0; i < 20 && !stop.IsCancellationRequested; i++)
                {
                    int id = next();
                    byte[] message = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Subject: message {id}\r\n\r\n{new string('x', (id % 50) * 97)}\r\n"));
                    sent.Add(message);
                    SmtpSendResult result = await client.SendAsync("alice@example.com", ["bob@example.com"], message, stop);
                    if (result.IsSent)
                    {
                        acknowledged.Add(message);
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or SmtpCommandException
                or TimeoutException or OperationCanceledException or InvalidOperationException)
            {
                // The server was killed under the client: what it acknowledged before is what counts.
                return;
            }
        }
    }

    private Process StartServer(out int port)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "SmtpGen.Cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["serve", "--port", "0", "--store", _maildir, "--quiet"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("smtpgen did not start");
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (ServingLine().Match(line) is { Success: true } serving)
            {
                port = int.Parse(serving.Groups[1].Value, CultureInfo.InvariantCulture);
                return process;
            }
        }

        throw new InvalidOperationException("smtpgen serve ended without saying where it listens: " + process.StandardError.ReadToEnd());
    }

    [GeneratedRegex(@"on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ServingLine();
}
