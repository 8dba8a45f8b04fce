using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SmtpGen.Grammar;

internal static partial class AsciiShapes
{
    /// <summary>
    /// Whether all of <paramref name="value"/>, at most 63 octets, is <c>esmtp-param *(SP esmtp-param)</c>
    /// (RFC 5321 §4.1.2) in ASCII: <c>esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")</c>, then optionally
    /// <c>"=" esmtp-value</c>, <c>esmtp-value = 1*(%d33-60 / %d62-126)</c>.
    /// </summary>
    /// <remarks>Not inlined: see <see cref="AsciiShapes"/>'s remarks.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static bool IsParameters(ReadOnlySpan<byte> value)
    {
        // Three of the rules look at the bit just past the value: 64 octets would leave none. Without whole values at
        // once, 32 octets at a time where the hardware has such vectors; in software they measured twice as slow as 16.
        ParameterClasses classes = default;
        if (value.Length == MaxLength ||
            !(WholeValueAtOnce ? TryClassifyWhole(value, ref classes)
                : Vector256.IsHardwareAccelerated ? TryClassifyWide(value, ref classes)
                : TryClassify(value, ref classes)))
        {
            return false;
        }

        ulong all = AllOf(value.Length);
        ulong space = classes.Space;
        if ((classes.Visible | space) != all)
        {
            return false;
        }

        // Every parameter starts with a letter or a digit: which also rules out a space at the start, at the end
        // (a start past the value) or beside another.
        ulong starts = 1UL | (space << 1);
        if ((starts & ~classes.LetterDigit) != 0)
        {
            return false;
        }

        // A keyword runs from its start to the first octet that is not a letter, digit or hyphen (a stop), or to its
        // parameter's end. Subtracting the starts from the stops borrows from each start up to the first stop above
        // it, which it clears: the first stops are the stops the subtraction cleared (a last keyword with no stop
        // after it borrows past the top, clearing none). Each first stop must be a space or the '=' of a value, and
        // no '=' may come later (an esmtp-value holds none). A value is not empty: no space or end after its '='.
        ulong valueOnly = classes.Visible & ~classes.LetterDigitHyphen;
        ulong stops = valueOnly | space;
        ulong firstStops = stops & ~(stops - starts);
        ulong equalsSigns = classes.EqualsSign;
        ulong end = all + 1;
        return (firstStops & valueOnly & ~equalsSigns) == 0 && (equalsSigns & ~firstStops) == 0 &&
            ((equalsSigns << 1) & (space | end)) == 0;
    }

    /// <summary>The classes ESMTP parameters are judged by.</summary>
    private struct ParameterClasses : IOctetClasses, IWideOctetClasses, IWholeValueClasses
    {
        public ulong Space;
        public ulong EqualsSign;

        /// <summary>VCHAR, %d33-126: every octet of a keyword or a value.</summary>
        public ulong Visible;
        public ulong LetterDigit;
        public ulong LetterDigitHyphen;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector128<byte> block, int offset)
        {
            Vector128<byte> letterDigit = LetterOrDigit(block);
            Space |= Mask(Vector128.Equals(block, Vector128.Create((byte)' ')), offset);
            EqualsSign |= Mask(Vector128.Equals(block, Vector128.Create((byte)'=')), offset);
            Visible |= Mask(Vector128.LessThanOrEqual(block - Vector128.Create((byte)33), Vector128.Create((byte)(126 - 33))), offset);
            LetterDigit |= Mask(letterDigit, offset);
            LetterDigitHyphen |= Mask(letterDigit | Vector128.Equals(block, Vector128.Create((byte)'-')), offset);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector256<byte> block, int offset)
        {
            Vector256<byte> letterDigit = LetterOrDigit(block);
            Space |= Mask(Vector256.Equals(block, Vector256.Create((byte)' ')), offset);
            EqualsSign |= Mask(Vector256.Equals(block, Vector256.Create((byte)'=')), offset);
            Visible |= Mask(Vector256.LessThanOrEqual(block - Vector256.Create((byte)33), Vector256.Create((byte)(126 - 33))), offset);
            LetterDigit |= Mask(letterDigit, offset);
            LetterDigitHyphen |= Mask(letterDigit | Vector256.Equals(block, Vector256.Create((byte)'-')), offset);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(Vector512<byte> value)
        {
            Vector512<byte> classes = ClassesOf(value);
            Space = Vector512.Equals(value, Vector512.Create((byte)' ')).ExtractMostSignificantBits();
            EqualsSign = Vector512.Equals(value, Vector512.Create((byte)'=')).ExtractMostSignificantBits();
            Visible = Members(classes, VisibleBit);
            LetterDigit = Members(classes, LetterDigitBit);
            LetterDigitHyphen = Members(classes, LetterDigitHyphenBit);
        }
    }
}
