using System.Diagnostics;
using System.Globalization;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpGen.LoadPeers;

/// <summary>
/// MailKit's SmtpClient as a load generator, sending like <c>smtpgen load</c>: the same number of messages over
/// the same number of sessions, one message after another per connection; prints the same summary lines.
/// </summary>
internal static class MailKitLoad
{
    public static async Task<int> RunAsync(int port, int messages, int sessions, int size)
    {
        byte[] raw = Message(size);
        int claimed = 0;
        int sent = 0;
        var clock = Stopwatch.StartNew();
        var workers = new Task[sessions];
        for (int i = 0; i < sessions; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                using var client = new SmtpClient();
                await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
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
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent      {sent} messages of {size} octets in {seconds:0.000} s, {messages - sent} failed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rate      {sent / seconds:0.0} messages/s, {(double)sent * size / 1e6 / seconds:0.00} MB/s"));
        return sent == messages ? 0 : 1;
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
