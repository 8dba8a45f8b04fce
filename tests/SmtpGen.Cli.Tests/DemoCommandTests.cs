using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen demo</c> plays the seed's conversation between the real client and server and stores the message.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "smtpgen-demo-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_store, recursive: true);

    [Fact]
    public async Task Demo_shows_the_seed_step_by_step_and_stores_the_message_as_sent()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync("demo", "--store", _store);

        Assert.True(exitCode == 0, error + output);
        string file = Assert.Single(Directory.GetFiles(Path.Combine(_store, "new")));
        string[] expected =
        [
            "Step 1: Connection Establishment", "  S: 220 mail.example.com Service ready",
            "Step 2: Say Hello", "  C: HELO client.example.com", "  S: 250 mail.example.com Hello client.example.com",
            "Step 3: Specify the Sender", "  C: MAIL FROM:<alice@example.com>", "  S: 250 OK",
            "Step 4: Specify the Recipient", "  C: RCPT TO:<bob@example.com>", "  S: 250 OK",
            "Step 5: Begin Message Content", "  C: DATA", "  S: 354 Start mail input; end with <CRLF>.<CRLF>",
            "Step 6: Send Email Headers", "  C: From: alice@example.com", "  C: To: bob@example.com", "  C: Subject: Hello from SMTP!", "  C: Date: Tue, 16 Apr 2025 15:30:00 +0530",
            "Step 7: Send Email Body", "  C: ", "  C: Hi Bob,", "  C: ", "  C: This is a test message sent using SMTP.", "  C: ", "  C: Regards,", "  C: Alice",
            "Step 8: End the Message", "  C: .", $"  S: 250 OK: queued as {Path.GetFileName(file)}",
            "Step 9: Close the Connection", "  C: QUIT", "  S: 221 Bye",
        ];
        string[] lines = output.ReplaceLineEndings("\n").Split('\n');
        int first = Array.IndexOf(lines, expected[0]);
        Assert.True(first > 0, output);
        Assert.Equal(expected, lines[first..].Where(line => line.Length > 0 && !line.StartsWith("The message", StringComparison.Ordinal) && !line.StartsWith("and its envelope", StringComparison.Ordinal)));

        Assert.Equal(SeedMessage.Octets.ToArray(), ServerTrace.Remove(await File.ReadAllBytesAsync(file)));
        Assert.Contains(Path.GetFileName(file), output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_store, "envelope", Path.GetFileName(file) + ".json")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_store, "tmp")));
    }
}
