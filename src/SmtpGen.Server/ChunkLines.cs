using System.Text;

namespace SmtpGen.Server;

/// <summary>
/// Reads what can be read of a BDAT line that the SMTP parser refused (RFC 3030 §2: <c>"BDAT" SP chunk-size ...</c>), so
/// that the chunk's octets, which follow it whatever the server makes of it, are never taken for commands.
/// </summary>
internal static class ChunkLines
{
    /// <summary>More digits than a chunk's size can have here: no chunk larger than a <see cref="long"/> is read.</summary>
    private const int MaxDigits = 18;

    /// <summary>Whether the line, CRLF included, starts with BDAT and a space, in any case.</summary>
    public static bool IsChunkLine(ReadOnlySpan<byte> line) => line.Length >= 5 && Ascii.EqualsIgnoreCase(line[..5], "BDAT "u8);

    /// <summary>The chunk size after <c>BDAT SP</c>: 1 to 18 digits, ended by SP or the line's CRLF.</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> line, out long size)
    {
        size = 0;
        ReadOnlySpan<byte> rest = line[5..];
        int digits = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (digits is <= 0 or > MaxDigits || (rest[digits] != (byte)' ' && rest[digits] != (byte)'\r'))
        {
            return false;
        }

        foreach (byte digit in rest[..digits])
        {
            size = (size * 10) + (digit - '0');
        }

        return true;
    }
}
