using System.Text;

namespace SmtpGen.Benchmarks;

/// <summary>The message the end-to-end benchmarks send.</summary>
internal static class SampleMessage
{
    /// <summary>A message of about 1 KiB: three header fields, then 70-character lines, each ended with CRLF.</summary>
    public static byte[] OneKib(string from, string to, string subject)
    {
        var text = new StringBuilder($"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\n\r\n");
        while (text.Length < 1024 - 72)
        {
            text.Append('x', 70).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
