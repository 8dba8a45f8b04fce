using System.Buffers;
using SmtpServer.IO;

namespace SmtpGen.Benchmarks.Peers;

/// <summary>
/// SmtpServer 11.1's DATA path, rebuilt from its public pieces: its reader (<c>PipeReaderExtensions.ReadDotBlockAsync</c>)
/// and the segment list it unstuffs into are internal, but the search it runs on is public
/// (<see cref="BuffersExtension.TryFind"/>). As the reader does, this finds <c>CRLF . CRLF</c> in the received sequence,
/// then finds each <c>CRLF . .</c> in the data before it and keeps the slices around the doubled dot; here the slices are
/// copied into one buffer, the work the generated decoder's output also represents. Like the original it needs a CRLF
/// before a doubled dot, so a dot doubled on the very first line of the data stays doubled, and the data ends without the
/// last line's CRLF.
/// </summary>
public static class SmtpServerDotBlock
{
    private static readonly byte[] DotBlock = "\r\n.\r\n"u8.ToArray();
    private static readonly byte[] DotBlockStuffing = "\r\n.."u8.ToArray();

    /// <summary>Finds the end of the data and unstuffs it into <paramref name="destination"/>; returns the octets written.</summary>
    public static int Decode(ReadOnlySequence<byte> received, Span<byte> destination)
    {
        SequencePosition end = received.Start;
        if (!received.TryFind(DotBlock, ref end, out _))
        {
            throw new InvalidOperationException("No end of data.");
        }

        ReadOnlySequence<byte> data = received.Slice(received.Start, end);
        SequencePosition head = data.Start;
        SequencePosition start = head;
        int written = 0;
        while (data.TryFind(DotBlockStuffing, ref head, out SequencePosition tail))
        {
            ReadOnlySequence<byte> slice = data.Slice(start, data.GetPosition(3, head));
            slice.CopyTo(destination[written..]);
            written += (int)slice.Length;
            start = tail;
            head = tail;
        }

        ReadOnlySequence<byte> rest = data.Slice(start);
        rest.CopyTo(destination[written..]);
        return written + (int)rest.Length;
    }
}
