using System.Globalization;
using System.Text;

namespace SmtpGen.Cli;

/// <summary>A plain-text message (RFC 5322) made from <c>smtpgen send</c>'s subject and body.</summary>
internal static class ComposedMessage
{
    public static ReadOnlyMemory<byte> Create(string from, IReadOnlyList<string> to, string subject, string body, string domain)
    {
        var text = new StringBuilder();
        text.Append("From: ").Append(from).Append("\r\n");
        text.Append("To: ").Append(string.Join(", ", to)).Append("\r\n");
        text.Append("Subject: ").Append(EncodeHeader(subject)).Append("\r\n");
        DateTimeOffset now = DateTimeOffset.Now;
        text.Append("Date: ").Append(now.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture))
            .Append(now.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal)).Append("\r\n");
        text.Append("Message-ID: <").Append(Guid.NewGuid().ToString("N")).Append('@').Append(domain).Append(">\r\n");
        text.Append("MIME-Version: 1.0\r\n");
        text.Append("Content-Type: text/plain; charset=utf-8\r\n");
        text.Append("Content-Transfer-Encoding: 8bit\r\n");
        text.Append("\r\n");
        text.Append(body.ReplaceLineEndings("\r\n"));
        if (!body.EndsWith('\n'))
        {
            text.Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A subject in ASCII as it is; otherwise as one RFC 2047 encoded word.</summary>
    private static string EncodeHeader(string value) =>
        Ascii.IsValid(value) && !value.Contains('\r', StringComparison.Ordinal) && !value.Contains('\n', StringComparison.Ordinal)
            ? value
            : $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value.ReplaceLineEndings(" ")))}?=";
}
