using System.Buffers;

namespace SmtpGen.Client;

/// <summary>The message to send: octets already in memory, or a stream read block by block.</summary>
internal readonly struct MailContent
{
    private MailContent(ReadOnlySequence<byte> octets, Stream? stream)
    {
        Octets = octets;
        Stream = stream;
    }

    /// <summary>The message when it is in memory.</summary>
    public ReadOnlySequence<byte> Octets { get; }

    /// <summary>The message when it is a stream, read from its current position to its end.</summary>
    public Stream? Stream { get; }

    /// <summary>The message's size in octets when known beforehand, for RFC 1870's <c>SIZE=</c>.</summary>
    public long? Length => Stream is null ? Octets.Length : Stream.CanSeek ? Stream.Length - Stream.Position : null;

    /// <summary>
    /// Whether the message may hold octets above 127, for RFC 6152's <c>BODY=8BITMIME</c>: checked in memory,
    /// assumed for a stream.
    /// </summary>
    public bool MayHaveEightBitOctets
    {
        get
        {
            if (Stream is not null)
            {
                return true;
            }

            foreach (ReadOnlyMemory<byte> segment in Octets)
            {
                if (segment.Span.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public static MailContent From(ReadOnlySequence<byte> octets) => new(octets, stream: null);

    public static MailContent From(Stream stream) => new(ReadOnlySequence<byte>.Empty, stream);
}
