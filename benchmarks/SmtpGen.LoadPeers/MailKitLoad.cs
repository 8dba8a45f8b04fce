using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpGen.LoadPeers;

/// <summary>
/// MailKit's SmtpClient as a load generator, sending like <c>smtpgen load</c>: the same number of messages over
/// the same number of sessions, one message after another per connection, after the same warm-up (messages sent and
/// not counted, so that the JIT has compiled MailKit's paths), over connections with TCP_NODELAY, as
/// <c>smtpgen load</c>'s are (MailKit's <c>Connect(host, port)</c> leaves Nagle's algorithm on, and a command written
/// in two pieces then waits for the server's delayed acknowledgement); prints the same summary lines.
/// </summary>
internal static class MailKitLoad
{
    public static async Task<int> RunAsync(int port, int messages, int sessions, int size, int warmup)
    {
        byte[] raw = Message(size);
        if (warmup > 0 && await SendAsync(port, warmup, sessions, raw) != warmup)
        {
            Console.Error.WriteLine("the warm-up failed");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        int sent = await SendAsync(port, messages, sessions, raw);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent      {sent} messages of {size} octets in {seconds:0.000} s, {messages - sent} failed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rate      {sent / seconds:0.0} messages/s, {(double)sent * size / 1e6 / seconds:0.00} MB/s"));
        return sent == messages ? 0 : 1;
    }

    /// <summary>Sends <paramref name="messages"/> over <paramref name="sessions"/> connections; returns how many went.</summary>
    private static async Task<int> SendAsync(int port, int messages, int sessions, byte[] raw)
    {
        int claimed = 0;
        int sent = 0;
        var workers = new Task[sessions];
        for (int i = 0; i < sessions; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, port);
                using var client = new SmtpClient();
                await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
                var sender = MailboxAddress.Parse("load@example.com");
                MailboxAddress[] recipients = [MailboxAddress.Parse("sink@example.com")];

                // MailKit sends a MimeMessage, parsed once from the same octets (so the size is equal) and
                // written out by MailKit for each send, as an application sending one message many times would.
                using MimeMessage message = MimeMessage.Load(new MemoryStream(raw));
                while (Interlocked.Increment(ref claimed) <= messages)
                {
                    await client.SendAsync(message, sender, recipients);
                    Interlocked.Increment(ref sent);
                }

                await client.DisconnectAsync(quit: true);
            });
        }

        await Task.WhenAll(workers);
        return sent;
    }

    private static byte[] Message(int size)
    {
        var text = new StringBuilder("From: load@example.com\r\nTo: sink@example.com\r\nSubject: mailkit load\r\n\r\n");
        while (size - text.Length > 80)
        {
            text.Append('x', 76).Append("\r\n");
        }

        text.Append('y', Math.Max(0, size - text.Length - 2)).Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
