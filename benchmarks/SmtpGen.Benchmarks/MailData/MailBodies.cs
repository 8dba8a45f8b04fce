using System.Text;

namespace SmtpGen.Benchmarks.MailData;

/// <summary>The kinds of 1 MiB message the DATA benchmarks move.</summary>
public enum MailBody
{
    /// <summary>Ordinary text: lines of about 70 characters.</summary>
    Text,

    /// <summary>Dense short lines of 5 characters: the cost per line ending dominates.</summary>
    Dense,

    /// <summary>Lines of about 30 characters that all start with a dot, which the sender doubles and the receiver removes.</summary>
    Dots,
}

/// <summary>Builds each body as the message (what a client encodes) and as the mail data on the wire (what a server decodes).</summary>
public static class MailBodies
{
    /// <summary>The length of every message, CRLF line endings included: 1 MiB.</summary>
    public const int MessageLength = 1 << 20;

    private static readonly string[] Words =
        ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "SMTP", "message", "line", "mail", "data", "of", "and"];

    /// <summary>The message: CRLF lines, exactly <see cref="MessageLength"/> octets, ending with CRLF.</summary>
    public static byte[] Message(MailBody body)
    {
        var text = new StringBuilder(MessageLength + 128);
        int word = 0;
        while (text.Length < MessageLength)
        {
            int start = text.Length;
            int target = body switch { MailBody.Text => 70, MailBody.Dense => 5, _ => 30 };
            if (body == MailBody.Dots)
            {
                text.Append('.');
            }

            while (text.Length - start < target)
            {
                text.Append(body == MailBody.Dense ? "abcde" : Words[word++ % Words.Length]).Append(body == MailBody.Dense ? "" : " ");
            }

            text.Length = start + target;
            text.Append("\r\n");
        }

        // Cut to the exact length, keeping a CRLF at the end.
        text.Length = MessageLength - 2;
        text.Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The mail data on the wire (RFC 5321 §4.5.2): every line that starts with a dot gets another, then <c>. CRLF</c>.</summary>
    public static byte[] Wire(byte[] message)
    {
        var wire = new List<byte>(message.Length + (message.Length / 8) + 3);
        bool lineStart = true;
        foreach (byte octet in message)
        {
            if (lineStart && octet == (byte)'.')
            {
                wire.Add((byte)'.');
            }

            wire.Add(octet);
            lineStart = octet == (byte)'\n';
        }

        wire.AddRange(".\r\n"u8.ToArray());
        return wire.ToArray();
    }
}
