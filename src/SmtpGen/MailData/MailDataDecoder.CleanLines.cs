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

    /// <summary>
    /// From a <see cref="Position.LineStart"/>, consumes the longest run of whole lines that decode without a special
    /// case: every CR followed by LF and every LF preceded by CR, no line longer than the limit (a dropped dot not
    /// counted), and no line that starts with a dot followed by CR or LF (the end of the data, or a single dot). A dot
    /// that starts any other line is dropped, as <see cref="Decode"/> drops it.
    /// </summary>
    /// <remarks>
    /// Lines are checked a block of 64 octets at a time, with one comparison per octet value and bit masks for the rest,
    /// and each block that passes is written at once, its dropped dots left out (<see cref="WriteBlock"/>). So the start
    /// of the line the fast path stops in is written too, past the octets it reports; <see cref="Decode"/> writes it
    /// again from there.
    /// </remarks>
    /// <returns>The octets consumed, whole lines ending with CRLF (0 when the first line needs the general path); the decoder stays at a line start.</returns>
    private readonly int DecodeCleanLines(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        // The output of clean lines is never longer than their input: the block at i is written before i + 64, which
        // this limit keeps inside the destination.
        int limit = Math.Min(source.Length, destination.Length);
        int maxLineContent = MaxLineContent;
        ref byte start = ref MemoryMarshal.GetReference(source);
        ref byte output = ref MemoryMarshal.GetReference(destination);
        int lineStart = 0;    // where the current line starts; every line before it is checked
        int kept = 0;         // octets written, for all the blocks before i
        ulong crCarry = 0;    // bit 0: the previous block ended with a CR, so this one must start with an LF
        ulong startCarry = 1; // bit 0: this block's first octet starts a line
        ulong dotCarry = 0;   // bit 0: the previous block ended with a dot that starts a line, so this one must not start with CR or LF

        int i = 0;
        for (; i + Block <= limit; i += Block)
        {
            LineMasks.Read(ref Unsafe.Add(ref start, i), out ulong cr, out ulong lf, out ulong dot);
            ulong lineEnds = cr | lf;
            ulong dotsAtLineStart = dot & ((lf << 1) | startCarry);

            // One test for what leaves the fast path: a bare CR or LF (every LF must sit right after a CR, and every CR
            // right before an LF), and a dot at a line start with CR or LF right after it (the end of the data, or a
            // single dot). What follows a block's last octet is checked with the next block: until then, the line that
            // octet is in is not whole, and the fast path stops before it.
            if (((lf ^ ((cr << 1) | crCarry)) | (dotsAtLineStart & (lineEnds >> 1)) | (dotCarry & lineEnds)) != 0)
            {
                break;
            }

            // Only a line that started a limit ago can be too long, and only the first line to end here (its CR is the
            // octet before the block's first LF, or it goes on past the block): the others start and end inside it. A
            // dot at its start does not count, and is looked for only when the line is too long with it.
            if (i - lineStart > maxLineContent - (Block - 1))
            {
                int lineEnd = i + BitOperations.TrailingZeroCount(lf) - 1;
                if (lineEnd - lineStart > maxLineContent && lineEnd - TextStart(ref start, lineStart) > maxLineContent)
                {
                    break;
                }
            }

            if (lf != 0)
            {
                lineStart = i + Block - BitOperations.LeadingZeroCount(lf);
            }

            kept += WriteBlock(ref Unsafe.Add(ref start, i), dotsAtLineStart, ref Unsafe.Add(ref output, kept));
            crCarry = cr >> (Block - 1);
            startCarry = lf >> (Block - 1);
            dotCarry = dotsAtLineStart >> (Block - 1);
        }

        // The line not whole, from lineStart to i, was written too: its octets, less the dot that starts it if it has
        // one (every dot at a line start in a block written was dropped), are not reported.
        int open = i - lineStart;
        written = kept - (open > 0 && Unsafe.Add(ref start, lineStart) == (byte)'.' ? open - 1 : open);
        return lineStart;
    }

    /// <summary>
    /// Writes the 64 octets at <paramref name="block"/> to <paramref name="output"/>, less those whose bit is set in
    /// <paramref name="dropped"/>. It may write all 64 octets of <paramref name="output"/> whatever it keeps.
    /// </summary>
    /// <returns>The octets kept.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteBlock(ref byte block, ulong dropped, ref byte output)
    {
        if (dropped == 0)
        {
            Unsafe.CopyBlockUnaligned(ref output, ref block, Block);
            return Block;
        }

        if (Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported && Avx512Vbmi2.IsSupported)
        {
            // The bit mask as a vector (octet j all ones when bit j is set): octet j takes the mask's octet j / 8, and
            // keeps bit j % 8 of it. VPCOMPRESSB then packs the octets kept to the front of a vector, stored whole.
            Vector512<byte> octetOfBit = Avx512Vbmi.PermuteVar64x8(Vector512.Create(dropped).AsByte(), Vector512<byte>.Indices >>> 3);
            Vector512<byte> bitInOctet = Vector512.Create(0x8040201008040201UL).AsByte();
            Vector512<byte> keep = Vector512.Equals(octetOfBit & bitInOctet, Vector512<byte>.Zero);
            Avx512Vbmi2.Compress(Vector512<byte>.Zero, keep, Vector512.LoadUnsafe(ref block)).StoreUnsafe(ref output);
            return Block - BitOperations.PopCount(dropped);
        }

        // Copied between the dropped octets.
        int kept = 0;
        int from = 0;
        while (dropped != 0)
        {
            int droppedAt = BitOperations.TrailingZeroCount(dropped);
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref output, kept), ref Unsafe.Add(ref block, from), (uint)(droppedAt - from));
            kept += droppedAt - from;
            from = droppedAt + 1;
            dropped &= dropped - 1;
        }

        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref output, kept), ref Unsafe.Add(ref block, from), (uint)(Block - from));
        return kept + Block - from;
    }

    /// <summary>
    /// Where the text of the line at <paramref name="lineStart"/> begins: after a dot that starts it, which is dropped and
    /// does not count toward the limit (RFC 5321 §4.5.3.1.6). Every dot at a line start that reaches the length checks is
    /// such a dot: one followed by CR or LF, or by nothing yet, stops the fast path before them.
    /// </summary>
    private static int TextStart(ref byte start, int lineStart) =>
        lineStart + (Unsafe.Add(ref start, lineStart) == (byte)'.' ? 1 : 0);
}
