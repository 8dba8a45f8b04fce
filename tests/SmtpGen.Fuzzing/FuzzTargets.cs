using System.Buffers;
using SmtpGen.Captures;
using SmtpGen.Smtp;

namespace SmtpGen.Fuzzing;

/// <summary>
/// What the harness feeds AFL's inputs to: the parsers and the DATA codec, each checking the promises it makes (a
/// broken promise throws, which AFL records as a crash), and never throwing otherwise.
/// </summary>
internal static class FuzzTargets
{
    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["command"] = Command,
        ["reply"] = Reply,
        ["data"] = Data,
        ["kinds"] = Kinds,
    };

    public static IEnumerable<string> Names => Targets.Keys;

    public static Action<byte[]>? Find(string name) => Targets.GetValueOrDefault(name);

    /// <summary>Each line of the input (split after LF) through the command parser; a parsed command's line is the input's.</summary>
    private static void Command(byte[] input)
    {
        foreach (ReadOnlyMemory<byte> line in Lines(input))
        {
            if (SmtpProtocol.TryParseCommand(line.Span, out SmtpProtocol.Command command) == CommandStatus.Ok
                && !command.Line.SequenceEqual(line.Span[..^2]))
            {
                throw new InvalidOperationException("A parsed command's line is not the line parsed.");
            }
        }
    }

    /// <summary>Each line through the reply parser and one accumulator, as a client reads a reply.</summary>
    private static void Reply(byte[] input)
    {
        ReplyAccumulator accumulator = SmtpProtocol.CreateReplyAccumulator();
        foreach (ReadOnlyMemory<byte> line in Lines(input))
        {
            SmtpProtocol.TryParseReplyLine(line.Span, out _);
            if (accumulator.Add(line.Span, out ReplyLine reply) != ReplyStatus.Ok || reply.IsLast)
            {
                accumulator = SmtpProtocol.CreateReplyAccumulator();
            }
        }
    }

    /// <summary>
    /// The input as mail data, whole and an octet at a time (into a small destination): both decodings must agree, and
    /// decoding what the encoder makes of the decoded message must give it back.
    /// </summary>
    private static void Data(byte[] input)
    {
        (byte[] whole, bool ended) = Decode(input, input.Length, 4096);
        (byte[] octetwise, bool endedOctetwise) = Decode(input, 1, 7);
        if (ended != endedOctetwise || !whole.AsSpan().SequenceEqual(octetwise))
        {
            throw new InvalidOperationException("Decoding the data whole and an octet at a time differ.");
        }

        var encoded = new ArrayBufferWriter<byte>();
        var encoder = new MailDataEncoder();
        encoder.Encode(whole, encoded);
        encoder.Complete(encoded);
        (byte[] again, bool endedAgain) = Decode(encoded.WrittenSpan.ToArray(), 13, 4096);
        if (!endedAgain || !again.AsSpan().SequenceEqual(Normalized(whole)))
        {
            throw new InvalidOperationException("The encoder's data does not decode to the message.");
        }
    }

    /// <summary>The capture kinds of AUTH and DSN: a value a scan takes writes back as itself.</summary>
    private static void Kinds(byte[] input)
    {
        Roundtrip(input, SaslResponse.TryScan, SaslResponse.TryWrite);
        Roundtrip(input, Xtext.TryScan, Xtext.TryWrite);
        Roundtrip(input, DsnNotify.TryScan, DsnNotify.TryWrite);
        Roundtrip(input, OriginalRecipient.TryScan, OriginalRecipient.TryWrite);
        byte[] decoded = new byte[input.Length];
        SaslResponse.TryDecode(input, decoded, out _);
    }

    private delegate bool Scanner(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value);

    private delegate bool Writer(Span<byte> destination, ReadOnlySpan<byte> value, out int written);

    private static void Roundtrip(byte[] input, Scanner scan, Writer write)
    {
        int position = 0;
        if (!scan(input, ref position, out ReadOnlySpan<byte> value))
        {
            return;
        }

        byte[] destination = new byte[value.Length];
        try
        {
            write(destination, value, out _);
        }
        catch (ArgumentException)
        {
            // SaslResponse scans loosely and checks the base64 when it writes: a value that does not decode is refused.
            if (scan == (Scanner)SaslResponse.TryScan)
            {
                return;
            }

            throw;
        }
    }

    private static (byte[] Message, bool Ended) Decode(byte[] input, int pieceLength, int destinationLength)
    {
        var decoder = new MailDataDecoder();
        var message = new ArrayBufferWriter<byte>();
        byte[] destination = new byte[destinationLength];
        int offset = 0;
        while (offset < input.Length)
        {
            OperationStatus status = decoder.Decode(input.AsSpan(offset, Math.Min(pieceLength, input.Length - offset)), destination, out int consumed, out int written);
            message.Write(destination.AsSpan(0, written));
            offset += consumed;
            if (status == OperationStatus.Done)
            {
                return (message.WrittenSpan.ToArray(), true);
            }

            if (consumed == 0 && written == 0)
            {
                throw new InvalidOperationException("The decoder made no progress.");
            }
        }

        return (message.WrittenSpan.ToArray(), false);
    }

    /// <summary>A decoded message as the encoder sends it: every line ended by CRLF, the last one too.</summary>
    private static byte[] Normalized(byte[] message) =>
        message.Length == 0 || message.AsSpan().EndsWith("\r\n"u8) ? message : [.. message, (byte)'\r', (byte)'\n'];

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(byte[] input)
    {
        int start = 0;
        while (start < input.Length)
        {
            int end = Array.IndexOf(input, (byte)'\n', start);
            end = end < 0 ? input.Length : end + 1;
            yield return input.AsMemory(start, end - start);
            start = end;
        }
    }
}
