using System.Buffers;
using System.Text;

namespace SmtpGen.Tests.MailData;

/// <summary>Runs a <see cref="MailDataDecoder"/> over input split into pieces, with a small destination.</summary>
internal static class MailDataDecoding
{
    /// <summary>The result of decoding: the message, whether the end was found, and what followed it.</summary>
    public sealed record Result(string Message, bool Ended, string Rest, bool BareLineEnding, bool LongLine);

    public static Result Decode(string input, int pieceLength = int.MaxValue, int destinationLength = 4096, int maxLineLength = 1000) =>
        Decode(Encoding.Latin1.GetBytes(input), pieceLength, destinationLength, maxLineLength);

    public static Result Decode(byte[] input, int pieceLength = int.MaxValue, int destinationLength = 4096, int maxLineLength = 1000)
    {
        var decoder = new MailDataDecoder(maxLineLength);
        var message = new ArrayBufferWriter<byte>();
        byte[] destination = new byte[destinationLength];
        int offset = 0;
        bool ended = false;
        while (offset < input.Length && !ended)
        {
            ReadOnlySpan<byte> piece = input.AsSpan(offset, Math.Min(pieceLength, input.Length - offset));
            OperationStatus status = decoder.Decode(piece, destination, out int consumed, out int written);
            message.Write(destination.AsSpan(0, written));
            offset += consumed;
            ended = status == OperationStatus.Done;
            Assert.True(consumed > 0 || written > 0 || ended, "the decoder made no progress");
        }

        return new Result(
            Encoding.Latin1.GetString(message.WrittenSpan),
            ended,
            Encoding.Latin1.GetString(input, offset, input.Length - offset),
            decoder.HasBareLineEnding,
            decoder.HasLongLine);
    }
}
