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
    public static byte[] Remove(byte[] stored) => Received(Line(stored, "Return-Path: <"u8)).ToArray();

    /// <summary>
    /// The octets after the server's <c>Received:</c> header alone, which must begin them: a message the server queued
    /// for a relay and that came back from the final delivery, whose <c>Return-Path:</c> is the final server's.
    /// </summary>
    public static byte[] RemoveReceived(byte[] stored) => Received(stored).ToArray();

    private static ReadOnlySpan<byte> Received(ReadOnlySpan<byte> rest)
    {
        rest = Line(rest, "Received: from "u8);
        rest = Line(rest, "\tby "u8);
        return Line(rest, "\t"u8);   // "\tfor <...>; date" or "\tdate"
    }

    /// <summary>What follows the line that begins <paramref name="text"/> with <paramref name="start"/>.</summary>
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> text, ReadOnlySpan<byte> start)
    {
        int end = text.IndexOf("\r\n"u8);
        Assert.True(text.StartsWith(start) && end >= 0, $"the stored message does not go on with the server's trace line '{System.Text.Encoding.ASCII.GetString(start)}...'");
        return text[(end + 2)..];
    }
}
