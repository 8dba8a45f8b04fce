using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SmtpGen.Grammar;

/// <summary>
/// The usual mailbox and domain, all ASCII and at most 64 octets, checked whole in one pass: each octet is classified
/// 16 at a time (a vector compare per class), each class becomes a mask of one bit per octet, and the grammar's rules
/// become tests on those masks. A value this says yes to is valid; one it says no to may still be valid (UTF-8, a
/// quoted local part, an address literal, a longer value) and goes to the general scanners, which are the reference
/// (<c>AsciiShapesTests</c> checks both agree).
/// </summary>
/// <remarks>
/// A writer checks each argument whole, where the scanners find the longest valid prefix element by element; for
/// <c>alice@example.com</c> this is a third of their time.
/// </remarks>
internal static class AsciiShapes
{
    /// <summary>The longest value checked here: its masks fit a <see cref="ulong"/>.</summary>
    private const int MaxLength = 64;

    /// <summary>
    /// atext's octets other than letters, digits and the hyphen, <c>!#$%&amp;'*+/=?^_`{|}~</c> (RFC 5322 §3.2.3), as a
    /// nibble table: the entry for a low nibble has bit <c>h</c> set when the octet <c>h</c>·16 + that nibble is one.
    /// </summary>
    private static readonly Vector128<byte> SpecialsByLowNibble = SpecialsTable();

    /// <summary>Bit <c>h</c> for an octet whose high nibble is <c>h</c>; none for 8 and above (not ASCII).</summary>
    private static readonly Vector128<byte> HighNibbleBit = Vector128.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Whether all of <paramref name="value"/> is a mailbox <c>Dot-string "@" Domain</c> (RFC 5321 §4.1.2) in ASCII:
    /// atoms of atext separated by single dots, one <c>@</c>, then labels of letters, digits and inner hyphens
    /// separated by single dots.
    /// </summary>
    internal static bool IsMailbox(ReadOnlySpan<byte> value)
    {
        if (!TryClassify(value, out Masks masks))
        {
            return false;
        }

        ulong all = ulong.MaxValue >> (MaxLength - value.Length);
        ulong at = masks.At;
        if (masks.Mailbox != all || at == 0 || (at & (at - 1)) != 0)
        {
            return false;
        }

        // The local part, the bits below the '@': no dot at its start or end, and no two dots in a row.
        ulong local = at - 1;
        ulong localDots = masks.Dot & local;
        return local != 0 && (localDots & (1UL | (at >> 1) | (localDots >> 1))) == 0 && IsDomain(masks, at << 1, all);
    }

    /// <summary>
    /// Whether all of <paramref name="value"/> is a domain (RFC 5321 §4.1.2) in ASCII: labels of letters, digits and
    /// inner hyphens separated by single dots.
    /// </summary>
    internal static bool IsDomain(ReadOnlySpan<byte> value) =>
        TryClassify(value, out Masks masks) && IsDomain(masks, 1, ulong.MaxValue >> (MaxLength - value.Length));

    /// <summary>
    /// Whether the octets from the bit <paramref name="first"/> to the last of <paramref name="all"/> are a domain: only
    /// letters, digits, hyphens and dots, and every label's first and last octet (the domain's ends, and the octets on
    /// either side of each dot) a letter or a digit. That last rule also refuses an empty label: a dot beside a dot, or
    /// at either end.
    /// </summary>
    private static bool IsDomain(in Masks masks, ulong first, ulong all)
    {
        ulong domain = all & ~(first - 1);
        ulong last = (all >> 1) + 1;
        ulong dots = masks.Dot & domain;
        if (domain == 0 || ((masks.LetterDigitHyphen | dots) & domain) != domain)
        {
            return false;
        }

        ulong labelEnds = first | (dots << 1) | (dots >> 1) | last;
        return (labelEnds & domain & ~masks.LetterDigit) == 0;
    }

    /// <summary>The classes of a value's octets, bit <c>i</c> for its octet <c>i</c>.</summary>
    private struct Masks
    {
        /// <summary>atext, dots and <c>@</c>: every octet a mailbox of this shape may hold.</summary>
        public ulong Mailbox;
        public ulong Dot;
        public ulong At;
        public ulong LetterDigit;
        public ulong LetterDigitHyphen;
    }

    /// <summary>Classifies 1 to 64 octets, 16 at a time: the last block overlaps the one before (or, for a short value, is a copy padded with zeros, which are in no class).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryClassify(ReadOnlySpan<byte> value, out Masks masks)
    {
        masks = default;
        int length = value.Length;
        if ((uint)(length - 1) >= MaxLength || !Vector128.IsHardwareAccelerated)
        {
            return false;
        }

        ref byte start = ref MemoryMarshal.GetReference(value);
        if (length < Vector128<byte>.Count)
        {
            Vector128<byte> block = default;
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<Vector128<byte>, byte>(ref block), ref start, (uint)length);
            Classify(block, 0, ref masks);
            return true;
        }

        int lastBlock = length - Vector128<byte>.Count;
        for (int offset = 0; offset < lastBlock; offset += Vector128<byte>.Count)
        {
            Classify(Vector128.LoadUnsafe(ref start, (nuint)offset), offset, ref masks);
        }

        Classify(Vector128.LoadUnsafe(ref start, (nuint)lastBlock), lastBlock, ref masks);
        return true;
    }

    /// <summary>Adds the classes of the 16 octets of <paramref name="block"/>, which starts at octet <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify(Vector128<byte> block, int offset, ref Masks masks)
    {
        // Unsigned compares: an octet below 'a' (or '0') wraps around to a large difference.
        Vector128<byte> letter = Vector128.LessThanOrEqual((block | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), Vector128.Create((byte)('z' - 'a')));
        Vector128<byte> digit = Vector128.LessThanOrEqual(block - Vector128.Create((byte)'0'), Vector128.Create((byte)9));
        Vector128<byte> dot = Vector128.Equals(block, Vector128.Create((byte)'.'));
        Vector128<byte> at = Vector128.Equals(block, Vector128.Create((byte)'@'));
        Vector128<byte> hyphen = Vector128.Equals(block, Vector128.Create((byte)'-'));

        // Both indices are below 16, where the native shuffle of every platform is a table lookup.
        Vector128<byte> lowNibble = block & Vector128.Create((byte)0x0F);
        Vector128<byte> highNibble = Vector128.ShiftRightLogical(block.AsUInt16(), 4).AsByte() & Vector128.Create((byte)0x0F);
        Vector128<byte> special = ~Vector128.Equals(
            Vector128.ShuffleNative(SpecialsByLowNibble, lowNibble) & Vector128.ShuffleNative(HighNibbleBit, highNibble),
            Vector128<byte>.Zero);

        Vector128<byte> letterDigit = letter | digit;
        Vector128<byte> letterDigitHyphen = letterDigit | hyphen;
        masks.Mailbox |= (ulong)(letterDigitHyphen | special | dot | at).ExtractMostSignificantBits() << offset;
        masks.Dot |= (ulong)dot.ExtractMostSignificantBits() << offset;
        masks.At |= (ulong)at.ExtractMostSignificantBits() << offset;
        masks.LetterDigit |= (ulong)letterDigit.ExtractMostSignificantBits() << offset;
        masks.LetterDigitHyphen |= (ulong)letterDigitHyphen.ExtractMostSignificantBits() << offset;
    }

    private static Vector128<byte> SpecialsTable()
    {
        Span<byte> table = stackalloc byte[Vector128<byte>.Count];
        table.Clear();
        foreach (byte special in "!#$%&'*+/=?^_`{|}~"u8)
        {
            table[special & 0x0F] |= (byte)(1 << (special >> 4));
        }

        return Vector128.Create((ReadOnlySpan<byte>)table);
    }
}
