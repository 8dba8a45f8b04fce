using System.Text;

namespace SmtpGen.Interop.Tests;

/// <summary>Messages that test what a mail path must carry unchanged. All are CRLF lines, as SMTP requires.</summary>
internal static class Messages
{
    public const string Alice = "alice@example.com";
    public const string Bob = "bob@example.com";
    public const string Carol = "carol@example.org";
    public const string Dave = "dave@example.net";

    /// <summary>Lines that begin with ".", among them a line that is only "." (which would end the data unstuffed).</summary>
    public static byte[] WithDotLines { get; } = Crlf(
        "From: Alice <alice@example.com>",
        "To: Bob <bob@example.com>",
        "Subject: Hello from SMTP!",
        "",
        ".A line that begins with a dot.",
        "..Two dots.",
        ".",
        "The line above was a single dot; the next is a dot and a space.",
        ". ",
        "...",
        "Bye.");

    /// <summary>Headers and an empty body.</summary>
    public static byte[] EmptyBody { get; } = Crlf(
        "From: alice@example.com",
        "To: bob@example.com",
        "Subject: nothing to say",
        "");

    /// <summary>A message of <paramref name="size"/> octets or a little more: printable lines, every 17th beginning with a dot.</summary>
    public static byte[] Large(int size)
    {
        var random = new Random(5321);
        var message = new MemoryStream(size + 128);
        message.Write(Crlf("From: alice@example.com", "To: bob@example.com", "Subject: large", ""));
        var line = new byte[78];
        for (int number = 0; message.Length < size; number++)
        {
            for (int i = 0; i < line.Length; i++)
            {
                line[i] = (byte)random.Next(0x20, 0x7F);
            }

            line[0] = number % 17 == 0 ? (byte)'.' : line[0];
            message.Write(line);
            message.Write("\r\n"u8);
        }

        return message.ToArray();
    }

    public static byte[] Crlf(params string[] lines) =>
        Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\r\n")));
}
