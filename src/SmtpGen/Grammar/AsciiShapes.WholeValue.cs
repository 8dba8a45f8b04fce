using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SmtpGen.Grammar;

internal static partial class AsciiShapes
{
    /// <summary>
    /// Whether a value is classified whole, in one 64-octet block (<see cref="TryClassifyWhole"/>): on x64 with
    /// AVX-512 VBMI, whose <c>VPERMI2B</c> looks all 64 octets up in a 128-entry table at once, where the runtime uses
    /// 64-octet vectors at full speed. Elsewhere values are classified 16 or 32 octets at a time, a vector compare a class.
    /// </summary>
    private static bool WholeValueAtOnce => Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported;

    /// <summary>The classes of a value's octets, as masks that <see cref="Set"/> makes from the whole value at once.</summary>
    private interface IWholeValueClasses
    {
        /// <summary>Sets the classes of the 1 to 64 octets at the start of <paramref name="value"/>, which holds zeros after them.</summary>
        void Set(Vector512<byte> value);
    }

    /// <summary>
    /// The bits of an ASCII octet's classes in <see cref="AsciiClassTable"/>: atext, <c>.</c> and <c>@</c> (every octet
    /// of a mailbox of the usual shape); Ldh-str's octets; Let-dig; VCHAR.
    /// </summary>
    private const int MailboxOctetBit = 0, LetterDigitHyphenBit = 1, LetterDigitBit = 2, VisibleBit = 3;

    /// <summary>
    /// Classifies the 1 to 64 octets of <paramref name="value"/> in one block, read by a masked load: it reads the
    /// value's octets and no others (those after them are zeros, in no class), and cannot fault past the value's end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe bool TryClassifyWhole<TClasses>(ReadOnlySpan<byte> value, ref TClasses classes)
        where TClasses : struct, IWholeValueClasses
    {
        int length = value.Length;
        if ((uint)(length - 1) >= MaxLength)
        {
            return false;
        }

        fixed (byte* start = value)
        {
            classes.Set(MaskedLoad.First(start, length));
        }

        return true;
    }

    /// <summary>
    /// The classes of each of <paramref name="octets"/>, a bit a class, looked up in <see cref="AsciiClassTable"/>; none
    /// for an octet above 127 (the lookup reads only an index's low seven bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> ClassesOf(Vector512<byte> octets) =>
        Vector512.ConditionalSelect(
            Vector512.LessThan(octets, Vector512.Create((byte)0x80)),
            Avx512Vbmi.PermuteVar64x8x2(AsciiClassTable.Low, octets, AsciiClassTable.High),
            Vector512<byte>.Zero);

    /// <summary>The mask of the octets whose classes (from <see cref="ClassesOf"/>) hold bit <paramref name="bit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Members(Vector512<byte> classes, [ConstantExpected(Max = 7)] int bit) =>
        Vector512.ShiftLeft(classes.AsUInt16(), 7 - bit).AsByte().ExtractMostSignificantBits();

    /// <summary>
    /// The classes of the 128 ASCII octets, from <see cref="Syntax"/>'s, as two halves for <c>VPERMI2B</c>: octets 0 to
    /// 63 and 64 to 127. A class of its own, so that it is built the first time a whole value is classified, and never
    /// where values are classified in blocks.
    /// </summary>
    private static class AsciiClassTable
    {
        internal static readonly Vector512<byte> Low = Half(0), High = Half(64);

        private static Vector512<byte> Half(int first)
        {
            Span<byte> table = stackalloc byte[Vector512<byte>.Count];
            for (int index = 0; index < table.Length; index++)
            {
                byte octet = (byte)(first + index);
                table[index] = (byte)(
                    (Syntax.AtextOrDot.Contains(octet) || octet == (byte)'@' ? 1 << MailboxOctetBit : 0) |
                    (Syntax.Ldh.Contains(octet) ? 1 << LetterDigitHyphenBit : 0) |
                    (Syntax.LetDig.Contains(octet) ? 1 << LetterDigitBit : 0) |
                    (Syntax.Vchar.Contains(octet) ? 1 << VisibleBit : 0));
            }

            return Vector512.Create((ReadOnlySpan<byte>)table);
        }
    }
}
