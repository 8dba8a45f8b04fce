using System.Buffers;
using System.Text;

namespace SmtpGen.Tests.Captures;

internal delegate bool SpanScanner(ReadOnlySpan<byte> content, ref int position, out ReadOnlySpan<byte> value);

internal delegate void SpanWriter(IBufferWriter<byte> output, ReadOnlySpan<byte> value);

/// <summary>Runs scanners from a position other than 0 and checks the position contract.</summary>
internal static class Scanning
{
    /// <summary>Where scans start: after two octets that are not part of the token.</summary>
    public const int Start = 2;

    public static byte[] Content(string input) => Encoding.UTF8.GetBytes("\0\0" + input);

    public static byte[] Content(byte[] input) => [0, 0, .. input];

    /// <summary>Scans <paramref name="content"/> from <see cref="Start"/>; the value on success, null on failure (after checking the position is unchanged).</summary>
    public static string? Scan(SpanScanner scanner, byte[] content)
    {
        int position = Start;
        if (!scanner(content, ref position, out ReadOnlySpan<byte> value))
        {
            Assert.Equal(Start, position);
            Assert.True(value.IsEmpty);
            return null;
        }

        return Encoding.UTF8.GetString(value);
    }

    /// <summary>Scans and returns what was consumed, asserting the position moved by exactly that.</summary>
    public static string? Consumed(SpanScanner scanner, string input)
    {
        byte[] content = Content(input);
        int position = Start;
        if (!scanner(content, ref position, out _))
        {
            Assert.Equal(Start, position);
            return null;
        }

        Assert.True(position > Start);
        return Encoding.UTF8.GetString(content.AsSpan(Start, position - Start));
    }

    public static string Write(SpanWriter writer, string value) => Write(writer, Encoding.UTF8.GetBytes(value));

    public static string Write(SpanWriter writer, byte[] value)
    {
        var output = new ArrayBufferWriter<byte>();
        writer(output, value);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Asserts <paramref name="writer"/> refuses <paramref name="value"/> with a message naming <paramref name="kind"/> and writes nothing.</summary>
    public static void Refuses(SpanWriter writer, byte[] value, string kind)
    {
        var output = new ArrayBufferWriter<byte>();
        var error = Assert.Throws<ArgumentException>(() => writer(output, value));
        Assert.Contains(kind, error.Message, StringComparison.Ordinal);
        Assert.Equal("value", error.ParamName);
        Assert.Equal(0, output.WrittenCount);
    }

    public static void Refuses(SpanWriter writer, string value, string kind) => Refuses(writer, Encoding.UTF8.GetBytes(value), kind);

    /// <summary>Builds octets from text and raw octets, for ill-formed UTF-8.</summary>
    public static byte[] Octets(string before, byte[] raw, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];
}
