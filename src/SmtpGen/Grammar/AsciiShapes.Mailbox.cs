using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SmtpGen.Grammar;

internal static partial class AsciiShapes
{
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
        MailboxClasses classes = default;
        if (!(WholeValueAtOnce ? TryClassifyWhole(value, ref classes) : TryClassify(value, ref classes)))
        {
            return false;
        }

        ulong all = AllOf(value.Length);
        ulong at = classes.At;
        if (classes.Mailbox != all || at == 0 || (at & (at - 1)) != 0)
        {
            return false;
        }

        // The local part, the bits below the '@': no dot at its start or end, and no two dots in a row.
        ulong local = at - 1;
        ulong localDots = classes.Dot & local;
        return local != 0 && (localDots & (1UL | (at >> 1) | (localDots >> 1))) == 0 && IsDomain(classes, at << 1, all);
    }

    /// <summary>
    /// Whether all of <paramref name="value"/> is a domain (RFC 5321 §4.1.2) in ASCII: labels of letters, digits and
    /// inner hyphens separated by single dots.
    /// </summary>
    internal static bool IsDomain(ReadOnlySpan<byte> value)
    {
        MailboxClasses classes = default;
        return (WholeValueAtOnce ? TryClassifyWhole(value, ref classes) : TryClassify(value, ref classes)) &&
            IsDomain(classes, 1, AllOf(value.Length));
    }

    /// <summary>
    /// Whether the octets from the bit <paramref name="first"/> to the last of <paramref name="all"/> are a domain: only
    /// letters, digits, hyphens and dots, and every label's first and last octet (the domain's ends, and the octets on
    /// either side of each dot) a letter or a digit. That last rule also refuses an empty label: a dot beside a dot, or
    /// at either end.
    /// </summary>
    private static bool IsDomain(in MailboxClasses classes, ulong first, ulong all)
    {
        ulong domain = all & ~(first - 1);
        ulong last = (all >> 1) + 1;
        ulong dots = classes.Dot & domain;
        if (domain == 0 || ((classes.LetterDigitHyphen | dots) & domain) != domain)
        {
            return false;
        }

        ulong labelEnds = first | (dots << 1) | (dots >> 1) | last;
        return (labelEnds & domain & ~classes.LetterDigit) == 0;
    }

    /// <summary>The classes a mailbox or a domain is judged by.</summary>
    private struct MailboxClasses : IOctetClasses, IWholeValueClasses
    {
        /// <summary>atext, dots and <c>@</c>: every octet a mailbox of this shape may hold.</summary>
        public ulong Mailbox;
        public ulong Dot;
        public ulong At;
        public ulong LetterDigit;
        public ulong LetterDigitHyphen;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector128<byte> block, int offset)
        {
            Vector128<byte> dot = Vector128.Equals(block, Vector128.Create((byte)'.'));
            Vector128<byte> at = Vector128.Equals(block, Vector128.Create((byte)'@'));
            Vector128<byte> letterDigit = LetterOrDigit(block);
            Vector128<byte> letterDigitHyphen = letterDigit | Vector128.Equals(block, Vector128.Create((byte)'-'));

            // Both indices are below 16, where the native shuffle of every platform is a table lookup.
            Vector128<byte> lowNibble = block & Vector128.Create((byte)0x0F);
            Vector128<byte> highNibble = Vector128.ShiftRightLogical(block.AsUInt16(), 4).AsByte() & Vector128.Create((byte)0x0F);
            Vector128<byte> special = ~Vector128.Equals(
                Vector128.ShuffleNative(SpecialsByLowNibble, lowNibble) & Vector128.ShuffleNative(HighNibbleBit, highNibble),
                Vector128<byte>.Zero);

            Mailbox |= Mask(letterDigitHyphen | special | dot | at, offset);
            Dot |= Mask(dot, offset);
            At |= Mask(at, offset);
            LetterDigit |= Mask(letterDigit, offset);
            LetterDigitHyphen |= Mask(letterDigitHyphen, offset);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(Vector512<byte> value)
        {
            Vector512<byte> classes = ClassesOf(value);
            Mailbox = Members(classes, MailboxOctetBit);
            Dot = Vector512.Equals(value, Vector512.Create((byte)'.')).ExtractMostSignificantBits();
            At = Vector512.Equals(value, Vector512.Create((byte)'@')).ExtractMostSignificantBits();
            LetterDigit = Members(classes, LetterDigitBit);
            LetterDigitHyphen = Members(classes, LetterDigitHyphenBit);
        }
    }

    /// <summary>The nibble table of <see cref="SpecialsByLowNibble"/>, from atext as <see cref="Syntax.Atext"/> defines it.</summary>
    private static Vector128<byte> SpecialsTable()
    {
        Span<byte> table = stackalloc byte[Vector128<byte>.Count];
        table.Clear();
        for (byte octet = 0; octet < 128; octet++)
        {
            if (Syntax.Atext.Contains(octet) && !char.IsAsciiLetterOrDigit((char)octet) && octet != (byte)'-')
            {
                table[octet & 0x0F] |= (byte)(1 << (octet >> 4));
            }
        }

        return Vector128.Create((ReadOnlySpan<byte>)table);
    }
}
