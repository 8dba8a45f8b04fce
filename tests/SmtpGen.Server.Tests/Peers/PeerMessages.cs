using System.Text;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>The messages every peer sends: the seed's, lines that begin with ".", an empty body, several megabytes.</summary>
public static class PeerMessages
{
    public const string Seed =
        "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: Hello from SMTP!\r\nDate: Tue, 16 Apr 2025 15:30:00 +0530\r\n"
        + "\r\nHi Bob,\r\n\r\nThis is a test message sent using SMTP.\r\n\r\nRegards,\r\nAlice\r\n";

    public const string Dots =
        "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: dots\r\n\r\n.\r\n..\r\n.leading dot\r\n. \r\nmiddle . dot\r\n...\r\n";

    public const string EmptyBody = "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: empty\r\n\r\n";

    /// <summary>About 5 MiB of text lines, every seventh beginning with a dot.</summary>
    public static string Large { get; } = MakeLarge();

    /// <summary>The cases by name, for theories.</summary>
    public static TheoryData<string> Names => ["seed", "dots", "empty body", "large"];

    public static string ByName(string name) => name switch
    {
        "seed" => Seed,
        "dots" => Dots,
        "empty body" => EmptyBody,
        "large" => Large,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Where the peers send: more than one recipient, so the envelope's list is checked too.</summary>
    public static readonly string[] Recipients = ["bob@example.com", "carol@example.com"];

    private static string MakeLarge()
    {
        var text = new StringBuilder("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: large\r\n\r\n");
        for (int line = 0; text.Length < 5 * 1024 * 1024; line++)
        {
            text.Append(line % 7 == 0 ? "." : "").Append("line ").Append(line).Append(' ').Append('x', line % 70).Append("\r\n");
        }

        return text.ToString();
    }
}
