using System.Buffers;
using System.Text;

namespace SmtpGen.Client;

/// <summary>
/// A line of the wire as text for people (a transcript, an error message): decoded as UTF-8, its CRLF left out,
/// and every other control character shown as <c>\xNN</c>, so that what a server sends cannot move a terminal's cursor,
/// retitle its window or overwrite a line already shown.
/// </summary>
internal static class ShownLine
{
    /// <summary>The characters <see cref="char.IsControl(char)"/> says are controls: C0, DEL and C1.</summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        "\0\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A\x0B\x0C\x0D\x0E\x0F\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F\x7F" +
        "\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8A\x8B\x8C\x8D\x8E\x8F\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9A\x9B\x9C\x9D\x9E\x9F");

    /// <summary>The line as text.</summary>
    public static string Of(ReadOnlySpan<byte> line)
    {
        string text = Encoding.UTF8.GetString(line.EndsWith("\r\n"u8) ? line[..^2] : line);
        if (!text.AsSpan().ContainsAny(Controls))
        {
            return text;
        }

        var shown = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            shown.Append(Controls.Contains(c) ? $"\\x{(int)c:X2}" : c);
        }

        return shown.ToString();
    }
}
