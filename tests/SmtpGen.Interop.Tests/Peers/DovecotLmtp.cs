using System.Diagnostics;
using System.Text;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>
/// Dovecot's LMTP server (Debian packages <c>dovecot-core</c> and <c>dovecot-lmtpd</c>, Dovecot 2.3) run alone in
/// the foreground with a configuration of its own in a temporary folder: it delivers to a Maildir per recipient
/// under that folder, as <c>nobody</c> (Dovecot delivers as no root), and announces PIPELINING.
/// </summary>
/// <remarks>
/// The configuration keeps the stored octets predictable: CRLF line endings, no <c>Received:</c> and no
/// <c>Delivered-To:</c> header. What Dovecot always adds is a first line <c>Return-Path: &lt;sender&gt;</c>, which
/// <see cref="WaitForMessagesAsync"/> reads as the sender and takes off. A message for several recipients is one
/// file hard-linked into each Maildir; the recipients of a message are the Maildirs that hold its file name, in no
/// particular order.
/// </remarks>
internal sealed class DovecotLmtp : IMailPeer
{
    private const string Program = "/usr/sbin/dovecot";

    private const string Configuration = """
        protocols = lmtp
        base_dir = @DIR@/run
        state_dir = @DIR@/state
        log_path = @DIR@/dovecot.log
        ssl = no
        hostname = dovecot.test
        mail_uid = nobody
        mail_gid = nogroup
        mail_location = maildir:@DIR@/mail/%u
        mail_save_crlf = yes
        lmtp_add_received_header = no
        lmtp_hdr_delivery_address = none
        passdb {
          driver = static
          args = nopassword=y
        }
        userdb {
          driver = static
          args = home=@DIR@/mail/%u
        }
        service lmtp {
          inet_listener lmtp {
            address = 127.0.0.1
            port = @PORT@
          }
        }
        """;

    private readonly TempFolder _folder;
    private readonly PeerProcess _process;

    private DovecotLmtp(int port, TempFolder folder, PeerProcess process)
    {
        Port = port;
        _folder = folder;
        _process = process;
    }

    public int Port { get; }

    /// <summary>The folder that holds each recipient's Maildir, named by the recipient.</summary>
    public string MailFolder => Path.Combine(_folder.Path, "mail");

    public static async Task<DovecotLmtp> StartAsync()
    {
        int port = Loopback.FreePort();
        var folder = new TempFolder("dovecot-lmtp-");
        try
        {
            string mail = Path.Combine(folder.Path, "mail");
            Directory.CreateDirectory(mail);
            await ChownToNobodyAsync(mail);
            string configuration = Path.Combine(folder.Path, "dovecot.conf");
            await File.WriteAllTextAsync(configuration, Configuration.Replace("@DIR@", folder.Path, StringComparison.Ordinal).Replace("@PORT@", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            PeerProcess process = await PeerProcess.StartAsync(
                "Dovecot LMTP", Program, "Install Debian's dovecot-core and dovecot-lmtpd (tests/run.sh does).", port, "-F", "-c", configuration);
            return new DovecotLmtp(port, folder, process);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count) =>
        Loopback.PollAsync("Dovecot LMTP", count, Read);

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private IReadOnlyList<ReceivedMessage> Read()
    {
        if (!Directory.Exists(MailFolder))
        {
            return [];
        }

        var messages = new SortedDictionary<string, (string Path, List<string> To)>(StringComparer.Ordinal);
        foreach (string maildir in Directory.GetDirectories(MailFolder))
        {
            string newFolder = Path.Combine(maildir, "new");
            if (!Directory.Exists(newFolder))
            {
                continue;
            }

            foreach (string file in Directory.GetFiles(newFolder))
            {
                string name = Path.GetFileName(file);
                if (!messages.TryGetValue(name, out (string Path, List<string> To) message))
                {
                    messages[name] = message = (file, []);
                }

                message.To.Add(Path.GetFileName(maildir));
            }
        }

        return [.. messages.Values.Select(m => Parse(File.ReadAllBytes(m.Path), m.To))];
    }

    /// <summary>Takes off the <c>Return-Path</c> line Dovecot adds and reads the sender from it.</summary>
    private static ReceivedMessage Parse(byte[] stored, List<string> to)
    {
        int end = Array.IndexOf(stored, (byte)'\n');
        string returnPath = Encoding.UTF8.GetString(stored, 0, end + 1);
        if (!returnPath.StartsWith("Return-Path: <", StringComparison.Ordinal) || !returnPath.EndsWith(">\r\n", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Dovecot stored a message that does not start with its Return-Path line: {returnPath}");
        }

        return new ReceivedMessage(returnPath["Return-Path: <".Length..^3], to, stored[(end + 1)..]);
    }

    private static async Task ChownToNobodyAsync(string path)
    {
        using Process chown = Process.Start("chown", ["nobody:nogroup", path]) ?? throw new InvalidOperationException("chown did not start");
        await chown.WaitForExitAsync();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown nobody:nogroup {path} failed (exit code {chown.ExitCode}): Dovecot delivers as nobody, and the tests run as root to let it.");
        }
    }
}
