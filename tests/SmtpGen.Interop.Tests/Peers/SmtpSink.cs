using System.Text;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>
/// Postfix's <c>smtp-sink</c> (Debian package <c>postfix</c>), run alone with <c>-d</c>: one dump file per mail
/// transaction. It announces PIPELINING (so the client batches MAIL, RCPT and DATA), 8BITMIME and ENHANCEDSTATUSCODES.
/// </summary>
/// <remarks>
/// The dump holds smtp-sink's own headers (<c>X-Mail-Args</c>, one <c>X-Rcpt-Args</c> per recipient, a three-line
/// <c>Received:</c>), then the message after dot-unstuffing with each line ended by LF instead of CRLF, then an empty
/// line. The message is recovered exactly by turning each LF back into CRLF, which holds because SMTP mail data is
/// made of CRLF lines only (RFC 5321 §2.3.8) and the client never sends a bare CR or LF.
/// </remarks>
internal sealed class SmtpSink : IMailPeer
{
    private const string Program = "/usr/sbin/smtp-sink";

    private readonly TempFolder _dumps;
    private readonly PeerProcess _process;

    private SmtpSink(int port, TempFolder dumps, PeerProcess process)
    {
        Port = port;
        _dumps = dumps;
        _process = process;
    }

    public int Port { get; }

    /// <summary>Starts smtp-sink; with <paramref name="lmtp"/>, as an LMTP server (<c>-L</c>), which answers every accepted recipient after the data alike.</summary>
    public static async Task<SmtpSink> StartAsync(bool lmtp = false)
    {
        int port = Loopback.FreePort();
        var dumps = new TempFolder("smtp-sink-");
        var arguments = new List<string>();
        if (lmtp)
        {
            arguments.Add("-L");
        }

        if (Environment.UserName == "root")
        {
            arguments.AddRange(["-u", "nobody"]); // smtp-sink refuses to run as root without it
        }

        arguments.AddRange(["-d", Path.Combine(dumps.Path, "message."), $"127.0.0.1:{port}", "16"]);
        try
        {
            PeerProcess process = await PeerProcess.StartAsync(
                "smtp-sink", Program, "Install Debian's postfix (tests/run.sh does).", port, [.. arguments]);
            return new SmtpSink(port, dumps, process);
        }
        catch
        {
            dumps.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count) =>
        Loopback.PollAsync("smtp-sink", count, () => Directory.GetFiles(_dumps.Path).Select(Read).OfType<ReceivedMessage>().ToList());

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        _dumps.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads a dump file; null while smtp-sink is still writing it (no trailing empty line yet).</summary>
    private static ReceivedMessage? Read(string path)
    {
        byte[] dump = File.ReadAllBytes(path);
        string from = "";
        var to = new List<string>();
        int position = 0;
        while (true)
        {
            int end = Array.IndexOf(dump, (byte)'\n', position);
            if (end < 0)
            {
                return null;
            }

            string line = Encoding.UTF8.GetString(dump, position, end - position);
            position = end + 1;
            if (line.StartsWith("X-Mail-Args: ", StringComparison.Ordinal))
            {
                from = Mailbox(line);
            }
            else if (line.StartsWith("X-Rcpt-Args: ", StringComparison.Ordinal))
            {
                to.Add(Mailbox(line));
            }
            else if (line.StartsWith("Received: ", StringComparison.Ordinal))
            {
                break;
            }
        }

        // The Received header's two continuation lines, then the message and smtp-sink's closing empty line.
        for (int continuation = 0; continuation < 2; continuation++)
        {
            position = Array.IndexOf(dump, (byte)'\n', position) + 1;
            if (position == 0)
            {
                return null;
            }
        }

        if (dump.Length == position || dump[^1] != (byte)'\n')
        {
            return null;
        }

        ReadOnlySpan<byte> message = dump.AsSpan(position, dump.Length - position - 1);
        return new ReceivedMessage(from, to, Crlf(message));
    }

    private static string Mailbox(string line)
    {
        int open = line.IndexOf('<', StringComparison.Ordinal);
        int close = line.IndexOf('>', open + 1);
        return line[(open + 1)..close];
    }

    private static byte[] Crlf(ReadOnlySpan<byte> lines)
    {
        var message = new MemoryStream(lines.Length + (lines.Length / 32));
        foreach (byte octet in lines)
        {
            if (octet == (byte)'\n')
            {
                message.WriteByte((byte)'\r');
            }

            message.WriteByte(octet);
        }

        return message.ToArray();
    }
}
