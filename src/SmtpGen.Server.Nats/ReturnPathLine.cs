using System.Buffers;

namespace SmtpGen.Server.Nats;

/// <summary>
/// The <c>Return-Path:</c> line the front end put at the head of a queued message (RFC 5321 §4.4, with its trace
/// headers), taken off before the message goes on to a server that makes the final delivery and adds its own: §4.4 lets
/// a forwarding system remove it "to ensure that exactly one such line appears in a delivered message". Only the first
/// line is looked at, and only the line as the front end writes it (<c>Return-Path: &lt;...&gt;</c>): the client's header
/// section is not inspected.
/// </summary>
internal static class ReturnPathLine
{
    /// <summary>The octets without a first line <c>Return-Path: &lt;...&gt;</c>; all of them when they do not begin with one.</summary>
    public static ReadOnlySequence<byte> Without(ReadOnlySequence<byte> octets)
    {
        var reader = new SequenceReader<byte>(octets);
        return reader.IsNext("Return-Path: <"u8) && reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n"u8)
            ? octets.Slice(reader.Position)
            : octets;
    }
}
