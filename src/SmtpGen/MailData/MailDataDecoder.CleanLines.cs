using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SmtpGen;

/// <summary>The decoder's fast path: whole clean lines, 64 octets at a time.</summary>
public partial struct MailDataDecoder
{
    /// <summary>The octets the fast path looks at in one step; lines shorter than this need no length check.</summary>
    private const int Block = LineMasks.Block;

    /// <summary>How much checked text the fast path gathers before it copies it.</summary>
    private const int CopyRun = 4096;

    /// <summary>
    /// From a <see cref="Position.LineStart"/>, consumes the longest run of whole lines that decode without a special
    /// case: every CR followed by LF and every LF preceded by CR, no line longer than the limit (a dropped dot not
    /// counted), and no line that starts with a dot followed by CR or LF (the end of the data, or a single dot). A dot
    /// that starts any other line is dropped, as <see cref="Decode"/> drops it. Lines are checked a block of 64 octets at
    /// a time, with one comparison per octet value and bit masks for the rest; the checked text is copied in runs of a
    /// few kilobytes, its dropped dots left out (<see cref="CopyChecked"/>). Nothing is written past the octets reported.
    /// </summary>
    /// <returns>The octets consumed, whole lines ending with CRLF (0 when the first line needs the general path); the decoder stays at a line start.</returns>
    private readonly int DecodeCleanLines(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        // The output of clean lines is never longer than their input, so this much input always fits.
        int limit = Math.Min(source.Length, destination.Length);
        ref byte start = ref MemoryMarshal.GetReference(source);
        int lineStart = 0;   // where the current line starts; every line before it is checked
        int copyFrom = 0;    // input before this is written
        int output = 0;      // octets written so far
        bool dotsToDrop = false; // whether a line checked since copyFrom starts with a dot
        ulong crCarry = 0;   // the last octet of the previous block was a CR: the next one must be LF
        ulong startCarry = 1; // the first octet of the next block starts a line

        for (int i = 0; i + Block <= limit; i += Block)
        {
            LineMasks.Read(ref Unsafe.Add(ref start, i), out ulong cr, out ulong lf, out ulong dot);

            // A bare CR or LF: every LF must sit right after a CR, and every CR right before an LF.
            if (lf != ((cr << 1) | crCarry))
            {
                break;
            }

            // A dot that starts a line is dropped, unless CR or LF follows it (or the input ends before saying). The octet
            // after a dot that ends the block is the next block's first.
            ulong dotsAtLineStart = dot & ((lf << 1) | startCarry);
            if (dotsAtLineStart != 0 && (dotsAtLineStart & (((cr | lf) >> 1) | LineEndAfter(source, i + Block))) != 0)
            {
                break;
            }

            // Only the first line to end in this block can be long: the others start and end inside it. A dot at its
            // start does not count, and is looked for only when the line is too long with it.
            if (lf != 0)
            {
                int firstLineEnd = i + BitOperations.TrailingZeroCount(lf) - 1; // its CR
                if (firstLineEnd - lineStart > MaxLineContent && firstLineEnd - TextStart(ref start, lineStart) > MaxLineContent)
                {
                    break;
                }

                lineStart = i + Block - BitOperations.LeadingZeroCount(lf);
            }
            else if (i + Block - lineStart > MaxLineContent && i + Block - TextStart(ref start, lineStart) > MaxLineContent)
            {
                break;
            }

            dotsToDrop |= dotsAtLineStart != 0;
            crCarry = cr >> (Block - 1);
            startCarry = lf >> (Block - 1);

            // Copy what is checked while it is still in the cache, a few kilobytes at a time.
            if (lineStart - copyFrom >= CopyRun)
            {
                output += CopyChecked(source[copyFrom..lineStart], destination[output..], dotsToDrop);
                copyFrom = lineStart;

                // The line that starts the next run, if it starts in this block, may start with a dot seen in it.
                dotsToDrop = lineStart < i + Block && Unsafe.Add(ref start, lineStart) == (byte)'.';
            }
        }

        // Up to the last whole line.
        if (lineStart > copyFrom)
        {
            output += CopyChecked(source[copyFrom..lineStart], destination[output..], dotsToDrop);
        }

        written = output;
        return lineStart;
    }

    /// <summary>
    /// Writes checked text, whole clean lines from a line start, to <paramref name="destination"/> (at least as long): as
    /// it is, or without the dot that starts a line. Each such dot is one the sender added, to be dropped, as the checks
    /// stopped before any other: a dot is dropped where the text starts and wherever an LF comes before it.
    /// </summary>
    /// <returns>The octets written.</returns>
    private static int CopyChecked(ReadOnlySpan<byte> text, Span<byte> destination, bool dropDots)
    {
        if (!dropDots)
        {
            text.CopyTo(destination);
            return text.Length;
        }

        int written = 0;
        if (text[0] != (byte)'.')
        {
            destination[written++] = text[0];
        }

        int read = 1;
        if (Vector512.IsHardwareAccelerated && Avx512Vbmi2.IsSupported)
        {
            // A block of 64 octets at a time: VPCOMPRESSB packs the octets it keeps to the front of a vector, which is
            // stored whole. The store writes as many octets too many as the block dropped (at most 22: each dropped dot
            // follows a CRLF); the octets of the next block, which it always has, keep more than that and overwrite them.
            ref byte input = ref MemoryMarshal.GetReference(text);
            ref byte output = ref MemoryMarshal.GetReference(destination);
            for (; read + (2 * Block) <= text.Length; read += Block)
            {
                Vector512<byte> octets = Vector512.LoadUnsafe(ref input, (nuint)read);
                Vector512<byte> previous = Vector512.LoadUnsafe(ref input, (nuint)(read - 1));
                Vector512<byte> dropped = Vector512.Equals(octets, Vector512.Create((byte)'.')) & Vector512.Equals(previous, Vector512.Create((byte)'\n'));
                Avx512Vbmi2.Compress(Vector512<byte>.Zero, ~dropped, octets).StoreUnsafe(ref output, (nuint)written);
                written += Block - BitOperations.PopCount(dropped.ExtractMostSignificantBits());
            }
        }

        // The rest (all of it without VBMI2): copied between the dropped dots. The LF before the next one may be the
        // octet before the rest, already written.
        while (read < text.Length)
        {
            int lf = text[(read - 1)..].IndexOf("\n."u8);
            int dot = lf < 0 ? text.Length : read + lf;
            text[read..dot].CopyTo(destination[written..]);
            written += dot - read;
            read = dot + 1;
        }

        return written;
    }

    /// <summary>
    /// The last bit of a block's mask when the octet after the block, at <paramref name="next"/>, is CR or LF, or is not
    /// there yet: a dot that ends the block is then not known to be one to drop.
    /// </summary>
    private static ulong LineEndAfter(ReadOnlySpan<byte> source, int next) =>
        (uint)next >= (uint)source.Length || source[next] is (byte)'\r' or (byte)'\n' ? 1UL << (Block - 1) : 0;

    /// <summary>
    /// Where the text of the line at <paramref name="lineStart"/> begins: after a dot that starts it, which is dropped and
    /// does not count toward the limit (RFC 5321 §4.5.3.1.6). Every dot at a line start that reaches the length checks is
    /// such a dot: one followed by CR or LF, or by nothing yet, stops the fast path before them.
    /// </summary>
    private static int TextStart(ref byte start, int lineStart) =>
        lineStart + (Unsafe.Add(ref start, lineStart) == (byte)'.' ? 1 : 0);
}
