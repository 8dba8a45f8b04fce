using System.Globalization;
using System.Net;
using SmtpGen.Server;

namespace SmtpGen.SessionMemory;

/// <summary>
/// The measured side: an SMTP server on a loopback port with a Maildir store in a temporary folder, as <c>smtpgen serve</c>
/// runs it. It prints its port, then answers each <c>measure</c> on its input with its managed heap after a full collection
/// and its working set, in octets.
/// </summary>
internal static class MeasuredServer
{
    public const string Measure = "measure";

    public static async Task<int> RunAsync()
    {
        string maildir = Path.Combine(Path.GetTempPath(), "smtpgen-session-memory-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new SmtpServerOptions
            {
                EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
                ServerName = "mail.example.com",
                MaxSessions = int.MaxValue,
            };
            await using var listener = new SmtpListener(options, new MaildirMessageStore(maildir));
            listener.Start();
            Console.WriteLine(listener.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture));
            while (await Console.In.ReadLineAsync() is { } command)
            {
                if (command == Measure)
                {
                    long heap = GC.GetTotalMemory(forceFullCollection: true);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heap} {Environment.WorkingSet}"));
                }
            }
        }
        finally
        {
            Directory.Delete(maildir, recursive: true);
        }

        return 0;
    }
}
