using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmtpGen;

/// <summary>The encoder's fast path: whole CRLF lines, 64 octets at a time.</summary>
public partial struct MailDataEncoder
{
    /// <summary>How much text the fast path gathers before it writes it.</summary>
    private const int WriteRun = 4096;

    /// <summary>
    /// From a <see cref="Position.LineStart"/>, consumes the longest run of whole lines that end with CRLF and hold no
    /// bare CR or LF, the lines a message made of CRLF lines has. They are sent octet for octet, apart from a dot put
    /// before each line that begins with one, as <see cref="Encode"/> does. Lines are checked a block of 64 octets at a
    /// time with bit masks (<see cref="LineMasks"/>); the text is written in runs of a few kilobytes, or up to a doubled
    /// dot, which is written twice by letting the next run start at it.
    /// </summary>
    /// <param name="source">The message octets, from a line start.</param>
    /// <param name="destination">Where to write the mail data.</param>
    /// <param name="inLine">
    /// Whether the octets consumed end with the doubled dot of a line the fast path did not finish (the encoder is then
    /// inside that line); otherwise they are whole lines (none when the first line needs the general path).
    /// </param>
    /// <returns>The octets consumed.</returns>
    private static int EncodeCleanLines(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, out bool inLine)
    {
        inLine = false;
        bool writeFromDot = false; // writeFrom is at a dot written once already
        ref byte start = ref MemoryMarshal.GetReference(source);
        int lineStart = 0;    // where the current line starts; every line before it is checked
        int writeFrom = 0;    // input before this is written
        ulong crCarry = 0;    // the last octet of the previous block was a CR: the next one must be LF
        ulong startCarry = 1; // the first octet of the next block starts a line

        for (int i = 0; i + LineMasks.Block <= source.Length; i += LineMasks.Block)
        {
            LineMasks.Read(ref Unsafe.Add(ref start, i), out ulong cr, out ulong lf, out ulong dot);

            // A bare CR or LF: every LF must sit right after a CR, and every CR right before an LF.
            if (lf != ((cr << 1) | crCarry))
            {
                break;
            }

            if (lf != 0)
            {
                lineStart = i + LineMasks.Block - BitOperations.LeadingZeroCount(lf);
            }

            // A dot that starts a line is sent twice: the run so far ends with it, and the next run starts with it.
            ulong dotsAtLineStart = dot & ((lf << 1) | startCarry);
            while (dotsAtLineStart != 0)
            {
                int dotIndex = i + BitOperations.TrailingZeroCount(dotsAtLineStart);
                destination.Write(source[writeFrom..(dotIndex + 1)]);
                writeFrom = dotIndex;
                writeFromDot = true;
                dotsAtLineStart &= dotsAtLineStart - 1;
            }

            crCarry = cr >> (LineMasks.Block - 1);
            startCarry = lf >> (LineMasks.Block - 1);

            if (lineStart - writeFrom >= WriteRun)
            {
                destination.Write(source[writeFrom..lineStart]);
                writeFrom = lineStart;
                writeFromDot = false;
            }
        }

        // Up to the last whole line (from a dot written once already, which this writes again).
        if (lineStart > writeFrom)
        {
            destination.Write(source[writeFrom..lineStart]);
            return lineStart;
        }

        // The line not taken starts with a dot, written once already: write it again and leave the encoder after it.
        if (writeFromDot)
        {
            destination.Write("."u8);
            inLine = true;
            return lineStart + 1;
        }

        return lineStart;
    }
}
