namespace SmtpGen.Server.Tests;

/// <summary>
/// The trace headers the server puts before every message it stores (RFC 5321 §4.4), taken off so that the tests compare
/// the rest, octet for octet, with what the client sent.
/// </summary>
internal static class ServerTrace
{
    /// <summary>
    /// The stored octets after the server's <c>Return-Path:</c> line and its <c>Received:</c> header of three lines, which must
    /// begin them; nothing of the client's octets is taken.
    /// </summary>
    public static byte[] Remove(byte[] stored)
    {
        ReadOnlySpan<byte> rest = stored;
        rest = Line(rest, "Return-Path: <"u8);
        rest = Line(rest, "Received: from "u8);
        rest = Line(rest, "\tby "u8);
        rest = Line(rest, "\t"u8);   // "\tfor <...>; date" or "\tdate"
        return rest.ToArray();
    }

    /// <summary>What follows the line that begins <paramref name="text"/> with <paramref name="start"/>.</summary>
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> text, ReadOnlySpan<byte> start)
    {
        int end = text.IndexOf("\r\n"u8);
        Assert.True(text.StartsWith(start) && end >= 0, $"the stored message does not go on with the server's trace line '{System.Text.Encoding.ASCII.GetString(start)}...'");
        return text[(end + 2)..];
    }
}
