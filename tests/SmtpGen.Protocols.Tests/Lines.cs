using System.Text;

namespace SmtpGen.Protocols.Tests;

/// <summary>Helpers to turn test text into wire lines and back.</summary>
internal static class Lines
{
    /// <summary>The UTF-8 octets of <paramref name="text"/> followed by CRLF.</summary>
    public static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text + "\r\n");

    /// <summary>The UTF-8 octets of <paramref name="text"/>, as is.</summary>
    public static byte[] Raw(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Decodes UTF-8 for assertions.</summary>
    public static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
