using System.Text.Json;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>
/// The folder <c>aiosmtpd_store.py</c>'s <c>FolderStore</c> writes, for aiosmtpd's SMTP and LMTP servers alike: for
/// message n, <c>n.json</c> (the envelope) and then <c>n.eml</c> (the octets), each renamed into place whole.
/// </summary>
internal static class StoredFolder
{
    /// <summary>The messages stored so far, in the order they were stored.</summary>
    public static IReadOnlyList<ReceivedMessage> Read(string folder) =>
        Directory.GetFiles(folder, "*.eml").Order().Select(ReadMessage).ToList();

    private static ReceivedMessage ReadMessage(string message)
    {
        using JsonDocument envelope = JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(message, ".json")));
        string from = envelope.RootElement.GetProperty("mail_from").GetString() ?? "";
        string[] to = [.. envelope.RootElement.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString() ?? "")];
        return new ReceivedMessage(from, to, File.ReadAllBytes(message));
    }
}
