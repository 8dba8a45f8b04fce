namespace SmtpGen.Cli;

/// <summary>The SMTP conversation of the project's seed, step by step: who speaks and what, as sent on the wire.</summary>
internal static class SeedConversation
{
    public static readonly (bool FromClient, string Line)[] Steps =
    [
        (false, "220 mail.example.com Service ready"),
        (true, "HELO client.example.com"),
        (false, "250 Hello client.example.com"),
        (true, "MAIL FROM:<alice@example.com>"),
        (false, "250 OK"),
        (true, "RCPT TO:<bob@example.com>"),
        (false, "250 OK"),
        (true, "DATA"),
        (false, "354 Start mail input; end with <CRLF>.<CRLF>"),
        (false, "250 OK: Message accepted"),
        (true, "QUIT"),
        (false, "221 Bye"),
    ];

    /// <summary>The message the client sends after 354, ended by the line with a single period.</summary>
    public static readonly string[] Message =
    [
        "From: alice@example.com",
        "To: bob@example.com",
        "Subject: Hello from SMTP!",
        "Date: Tue, 16 Apr 2025 15:30:00 +0530",
        "",
        "Hi Bob,",
        "",
        "This is a test message sent using SMTP.",
        "",
        "Regards,",
        "Alice",
        ".",
    ];
}
