using System.Buffers;
using SmtpGen.Benchmarks.Peers;

namespace SmtpGen.Benchmarks.MailData;

/// <summary>Checks that every DATA path gives back what it should for a body, before any of them is timed.</summary>
internal static class MailDataAgreement
{
    public static void Check(MailDataBenchmarks benchmarks, byte[] message, byte[] wire, byte[] destination, ArrayBufferWriter<byte> encoded)
    {
        // The limit is given: `new MailDataDecoder()` is the struct's zero value, whose limit flags every line as long.
        var decoder = new MailDataDecoder(MailDataDecoder.DefaultMaxLineLength);
        OperationStatus status = decoder.Decode(wire, destination, out int consumed, out int written);
        Require(status == OperationStatus.Done && consumed == wire.Length && destination.AsSpan(0, written).SequenceEqual(message)
                && !decoder.HasLongLine && !decoder.HasBareLineEnding,
            "MailDataDecoder does not give back the message");

        encoded.ResetWrittenCount();
        var encoder = new MailDataEncoder();
        encoder.Encode(message, encoded);
        encoder.Complete(encoded);
        Require(encoded.WrittenSpan.SequenceEqual(wire), "MailDataEncoder does not give the wire form");

        // MailKit's decoder does not look for the end: it takes the final ". CRLF" for a line with a doubled dot, an empty line.
        Require(benchmarks.MailKitFilter(decode: true, wire).AsSpan().SequenceEqual([.. message, .. "\r\n"u8]),
            "MailKit's SmtpDataFilter(decode) does not give back the message");

        // MailKit's encoder doubles the dots; ending the data is the client's job, not the filter's.
        Require(benchmarks.MailKitFilter(decode: false, message).AsSpan().SequenceEqual(wire.AsSpan(0, wire.Length - 3)),
            "MailKit's SmtpDataFilter(encode) does not give the wire form");

        // SmtpServer keeps a dot doubled on the first line, and drops the last line's CRLF.
        int length = SmtpServerDotBlock.Decode(new ReadOnlySequence<byte>(wire), destination);
        int firstDot = message[0] == (byte)'.' ? 1 : 0;
        Require(length == message.Length - 2 + firstDot
                && destination.AsSpan(firstDot, length - firstDot).SequenceEqual(message.AsSpan(0, message.Length - 2)),
            "SmtpServer's rebuilt DATA path does not give back the message");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
