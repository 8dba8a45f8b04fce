using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SmtpGen.Grammar;

/// <summary>
/// The usual values, all ASCII and at most 64 octets (63 for parameters), checked whole in one pass: each octet is
/// classified, the whole value at once where AVX-512 VBMI looks 64 octets up in a table (<see cref="TryClassifyWhole"/>),
/// elsewhere 16 at a time, or 32 for parameters (a vector compare per class); each class becomes a mask of one bit per
/// octet (bit <c>i</c> for octet <c>i</c>), and the grammar's rules become tests on those masks. A value a check says yes to is valid; one
/// it says no to may still be valid (UTF-8, a quoted local part, an address literal, a longer value) and goes to the
/// general scanners, which are the reference (<c>AsciiShapesTests</c> holds every check to them).
/// </summary>
/// <remarks>
/// The scanners find the longest valid prefix element by element (label, atom, parameter), a search each; these checks
/// take a third to a half of their time on the seed's values, for the writers, which check each argument whole, and
/// for the parser where a value's end is known (a path's <c>&gt;</c>, the line's end after the parameters).
/// <para>
/// A check with its blocks inlined is about a kilobyte of machine code. The whole-value checks that writers make
/// (<c>ScanWhole</c> of a mailbox or a domain, and <see cref="IsParameters"/>, which <see cref="EsmtpParameters.TryCreate"/>
/// and the parser share) are therefore never inlined: the JIT gives each method it compiles one inlining budget, and a
/// writer inlined into its caller with its check spent it, so that what came after (the line's slices and copies in
/// <see cref="CommandLineBuilder"/>, the next writer) was left as calls. Benchmarks README, tenth part: one RCPT with
/// parameters 32 ns → 18.
/// </para>
/// </remarks>
internal static partial class AsciiShapes
{
    /// <summary>The longest value checked here: its masks fit a <see cref="ulong"/>.</summary>
    private const int MaxLength = 64;

    /// <summary>The classes of a value's octets, as masks that <see cref="Add"/> fills block by block.</summary>
    private interface IOctetClasses
    {
        /// <summary>Adds the classes of the 16 octets of <paramref name="block"/>, which starts at octet <paramref name="offset"/>.</summary>
        void Add(Vector128<byte> block, int offset);
    }

    /// <summary>The classes of a value's octets, as masks that <see cref="Add"/> fills 32 octets at a time.</summary>
    private interface IWideOctetClasses
    {
        /// <summary>Adds the classes of the 32 octets of <paramref name="block"/>, which starts at octet <paramref name="offset"/>.</summary>
        void Add(Vector256<byte> block, int offset);
    }

    /// <summary>
    /// Classifies the 1 to 64 octets of <paramref name="value"/>, 16 at a time: the last block overlaps the one before
    /// (the same octets set the same bits), and a value shorter than a block is read into one padded with zeros, which
    /// are in no class.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryClassify<TClasses>(ReadOnlySpan<byte> value, ref TClasses classes)
        where TClasses : struct, IOctetClasses
    {
        int length = value.Length;
        if ((uint)(length - 1) >= MaxLength || !Vector128.IsHardwareAccelerated || !BitConverter.IsLittleEndian)
        {
            return false;
        }

        ref byte start = ref MemoryMarshal.GetReference(value);
        if (length < Vector128<byte>.Count)
        {
            classes.Add(LoadShort(ref start, length), 0);
            return true;
        }

        int lastBlock = length - Vector128<byte>.Count;
        for (int offset = 0; offset < lastBlock; offset += Vector128<byte>.Count)
        {
            classes.Add(Vector128.LoadUnsafe(ref start, (nuint)offset), offset);
        }

        classes.Add(Vector128.LoadUnsafe(ref start, (nuint)lastBlock), lastBlock);
        return true;
    }

    /// <summary>
    /// Classifies the 1 to 64 octets of <paramref name="value"/> 32 at a time, in one block or two. Two blocks overlap
    /// (the same octets set the same bits). Up to 32 octets make one block: fewer than 16 read as
    /// <see cref="LoadShort"/> reads them, more as two halves, the second half's octets moved down over those the first
    /// already holds and zeros after them. For hardware with 32-octet vectors: in software (Arm64, x64 without AVX2)
    /// they took twice the time of <see cref="TryClassify"/>'s 16-octet blocks.
    /// </summary>
    /// <remarks>
    /// Without whole values at once, parameters are classified so, at half the time of 16-octet blocks on 51 octets.
    /// Mailboxes and domains, whose classes need two nibble lookups, measured slower so on this project's machine, on 15,
    /// 17 and 40 octets alike (benchmarks README, ninth part), and stay with <see cref="TryClassify"/> there.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryClassifyWide<TClasses>(ReadOnlySpan<byte> value, ref TClasses classes)
        where TClasses : struct, IWideOctetClasses
    {
        int length = value.Length;
        if ((uint)(length - 1) >= MaxLength || !Vector128.IsHardwareAccelerated || !BitConverter.IsLittleEndian)
        {
            return false;
        }

        ref byte start = ref MemoryMarshal.GetReference(value);
        if (length < Vector128<byte>.Count)
        {
            classes.Add(LoadShort(ref start, length).ToVector256(), 0);
            return true;
        }

        if (length <= Vector256<byte>.Count)
        {
            // Index 0x80 gives a zero octet on every platform's native shuffle (x64's high bit, Arm64's out of range).
            Vector128<byte> lastHalf = Vector128.LoadUnsafe(ref start, (nuint)(length - Vector128<byte>.Count));
            Vector128<byte> moveDown = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(MoveDownIndices), (nuint)(Vector256<byte>.Count - length));
            classes.Add(Vector256.Create(Vector128.LoadUnsafe(ref start), Vector128.ShuffleNative(lastHalf, moveDown)), 0);
            return true;
        }

        int lastBlock = length - Vector256<byte>.Count;
        classes.Add(Vector256.LoadUnsafe(ref start), 0);
        classes.Add(Vector256.LoadUnsafe(ref start, (nuint)lastBlock), lastBlock);
        return true;
    }

    /// <summary>
    /// Shuffle indices that move a half-block's octets down by the offset they are read at, zeros after them: read
    /// from octet <c>32 - length</c> for a value of 17 to 32 octets whose last 16 were loaded.
    /// </summary>
    private static ReadOnlySpan<byte> MoveDownIndices =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    ];

    /// <summary>
    /// The 1 to 15 octets at <paramref name="start"/> in a block padded with zeros, put together in registers from two
    /// reads of the value that may overlap (8, 4 or 2 octets each, little-endian), the second shifted right to drop what
    /// it shares with the first. Copying the octets into a block in memory and loading it whole stalls the load, which
    /// cannot be forwarded from the smaller stores: that took a 15-octet mailbox's check from 4.6 ns to 12.5.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> LoadShort(ref byte start, int length)
    {
        if (length > sizeof(ulong))
        {
            ulong low = Unsafe.ReadUnaligned<ulong>(ref start);
            ulong high = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - sizeof(ulong))) >> ((16 - length) * 8);
            return Vector128.Create(low, high).AsByte();
        }

        if (length > sizeof(uint))
        {
            ulong low = Unsafe.ReadUnaligned<uint>(ref start);
            ulong high = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, length - sizeof(uint))) >> ((8 - length) * 8);
            return Vector128.CreateScalar(low | (high << 32)).AsByte();
        }

        uint octets = start;
        if (length >= sizeof(ushort))
        {
            uint high = (uint)Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, length - sizeof(ushort))) >> ((4 - length) * 8);
            octets = Unsafe.ReadUnaligned<ushort>(ref start) | (high << 16);
        }

        return Vector128.CreateScalar(octets).AsByte();
    }

    /// <summary>One bit for each of a value's <paramref name="length"/> octets.</summary>
    private static ulong AllOf(int length) => ulong.MaxValue >> (MaxLength - length);

    /// <summary>The mask of a block's octets that <paramref name="members"/> marks, moved to where the block starts.</summary>
    private static ulong Mask(Vector128<byte> members, int offset) => (ulong)members.ExtractMostSignificantBits() << offset;

    /// <summary>The mask of a wide block's octets that <paramref name="members"/> marks, moved to where the block starts.</summary>
    private static ulong Mask(Vector256<byte> members, int offset) => (ulong)members.ExtractMostSignificantBits() << offset;

    /// <summary>ALPHA / DIGIT, either case (unsigned compares: an octet below 'a' or '0' wraps around to a large difference).</summary>
    /// <remarks>
    /// Always inlined, as both widths are: the checks spend their own inlining budget on their blocks, and the JIT left
    /// this as a call, its block spilled to the stack, in a short value's block and in <see cref="IsParameters"/>
    /// (benchmarks README, eleventh part).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> LetterOrDigit(Vector128<byte> block) =>
        Vector128.LessThanOrEqual((block | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), Vector128.Create((byte)('z' - 'a'))) |
        Vector128.LessThanOrEqual(block - Vector128.Create((byte)'0'), Vector128.Create((byte)9));

    /// <summary>ALPHA / DIGIT in a wide block, as <see cref="LetterOrDigit(Vector128{byte})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> LetterOrDigit(Vector256<byte> block) =>
        Vector256.LessThanOrEqual((block | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)('z' - 'a'))) |
        Vector256.LessThanOrEqual(block - Vector256.Create((byte)'0'), Vector256.Create((byte)9));
}
