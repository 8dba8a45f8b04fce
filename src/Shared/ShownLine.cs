using System.Buffers;
using System.Text;

namespace SmtpGen;

/// <summary>
/// A peer's text as people are shown it (the client's transcript, an error message, a reply's <c>ToString</c>; a user
/// name in the server's log): every control character but the tab that reply text may hold (RFC 5321 §4.2) is shown
/// as <c>\xNN</c>, so that what a peer sends cannot move a terminal's cursor, retitle its window, overwrite a line already
/// shown or forge a line of the log. C1 controls
/// count too: a terminal may act on them as UTF-8. So do the characters that reorder text shown after them
/// (Unicode's bidirectional marks, embeddings, overrides and isolates, UAX #9), shown as <c>\uNNNN</c>: an override
/// would make <c>250 ok</c> followed by other text read as something the peer did not send.
/// </summary>
internal static class ShownLine
{
    /// <summary>
    /// The characters <see cref="char.IsControl(char)"/> says are controls (C0, DEL and C1), but the tab; and the
    /// bidirectional formatting characters (ALM, LRM, RLM, LRE…RLO, LRI…PDI).
    /// </summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(static c => (char)c).Where(static c => char.IsControl(c) && c != '\t'), .. "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"]);

    /// <summary>A line of the wire, decoded as UTF-8, without its CRLF.</summary>
    public static string Of(ReadOnlySpan<byte> line) => Of(Encoding.UTF8.GetString(line.EndsWith("\r\n"u8) ? line[..^2] : line));

    /// <summary>Text a peer sent.</summary>
    public static string Of(string text)
    {
        if (!text.AsSpan().ContainsAny(Controls))
        {
            return text;
        }

        var shown = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            shown.Append(!Controls.Contains(c) ? c : c <= '\xFF' ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
        }

        return shown.ToString();
    }
}
