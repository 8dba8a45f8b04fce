using System.Text;

namespace SmtpGen.Cli;

/// <summary>The message of the seed (shared/seeds): Alice's hello to Bob, and the two hosts' names.</summary>
internal static class SeedMessage
{
    public const string ServerName = "mail.example.com";
    public const string ClientName = "client.example.com";
    public const string From = "alice@example.com";
    public const string To = "bob@example.com";

    /// <summary>The headers of step 6 and the body of step 7, with CRLF line endings.</summary>
    public static ReadOnlyMemory<byte> Octets { get; } = Encoding.ASCII.GetBytes(
        "From: alice@example.com\r\n"
        + "To: bob@example.com\r\n"
        + "Subject: Hello from SMTP!\r\n"
        + "Date: Tue, 16 Apr 2025 15:30:00 +0530\r\n"
        + "\r\n"
        + "Hi Bob,\r\n"
        + "\r\n"
        + "This is a test message sent using SMTP.\r\n"
        + "\r\n"
        + "Regards,\r\n"
        + "Alice\r\n");
}
