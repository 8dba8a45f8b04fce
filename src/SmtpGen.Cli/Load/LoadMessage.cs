using System.Globalization;
using System.Text;

namespace SmtpGen.Cli;

/// <summary>
/// The message <c>smtpgen load</c> sends: headers and text lines of 76 characters, exactly the size asked for; numbered,
/// each copy's subject says which message of the run it is (<c>message 000000042</c>).
/// </summary>
internal static class LoadMessage
{
    /// <summary>The smallest size: the headers and one short body line.</summary>
    public const int MinimumSize = 128;

    /// <summary>How many digits a numbered message's number has.</summary>
    private const int Digits = 9;

    /// <summary>The end of a numbered message's subject, where its number is: the digits, then CRLF.</summary>
    private const string NumberedSubjectEnd = " octets, message 000000000\r\n";

    private static readonly byte[] NumberPlace = Encoding.ASCII.GetBytes(NumberedSubjectEnd);

    public static ReadOnlyMemory<byte> Create(string from, string to, int size, bool numbered = false)
    {
        var text = new StringBuilder(size);
        text.Append("From: ").Append(from).Append("\r\n")
            .Append("To: ").Append(to).Append("\r\n")
            .Append("Subject: smtpgen load, ").Append(size.ToString(CultureInfo.InvariantCulture)).Append(numbered ? NumberedSubjectEnd : " octets\r\n")
            .Append("\r\n");

        // Lines of 76 characters and CRLF, a few of them starting with a dot (so the sender stuffs and the
        // receiver unstuffs, as real mail needs), then one last line that makes the size exact.
        const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
        for (int line = 0; size - text.Length > 80; line++)
        {
            text.Append(line % 10 == 9 ? '.' : Letters[line % Letters.Length]);
            for (int i = 1; i < 76; i++)
            {
                text.Append(Letters[(line + i) % Letters.Length]);
            }

            text.Append("\r\n");
        }

        text.Append('x', Math.Max(0, size - text.Length - 2)).Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>A copy of a numbered message (<see cref="Create"/>) whose subject says <paramref name="number"/>.</summary>
    public static byte[] Numbered(ReadOnlySpan<byte> template, int number)
    {
        byte[] message = template.ToArray();
        int digits = template.IndexOf(NumberPlace) + NumberPlace.Length - Digits - "\r\n".Length;
        number.TryFormat(message.AsSpan(digits, Digits), out _, "D9", CultureInfo.InvariantCulture);
        return message;
    }
}
