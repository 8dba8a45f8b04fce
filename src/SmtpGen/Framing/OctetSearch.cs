using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SmtpGen;

/// <summary>A set of octets that a line's content may not hold, for <see cref="OctetSearch.Any{TSet}"/>.</summary>
internal interface IOctetSet
{
    /// <summary>An octet outside the set: the lanes of the last block past the content read as this.</summary>
    static abstract byte Outside { get; }

    /// <summary>Each lane of <paramref name="octets"/> that holds one of the set, all ones; the other lanes zero.</summary>
    static abstract Vector512<byte> Matches(Vector512<byte> octets);

    /// <summary>The search where 64-octet vectors are not at hand: the runtime's, a call.</summary>
    static abstract bool AnyInWithoutAvx512(ReadOnlySpan<byte> content);
}

/// <summary>The search of a line's content for octets it may not hold, inlined into the parsers that make it.</summary>
internal static class OctetSearch
{
    /// <summary>
    /// Whether <paramref name="content"/> holds an octet of <typeparamref name="TSet"/>. With AVX-512 the search is a
    /// loop of 64-octet compares in the caller, its last block read by a masked load, so a line (rarely longer than 64
    /// octets) costs a block or two of compares and no call: a call would make the parser save the registers it keeps
    /// across it on every line. Elsewhere it is <typeparamref name="TSet"/>'s own search.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe bool Any<TSet>(ReadOnlySpan<byte> content)
        where TSet : struct, IOctetSet
    {
        if (!Vector512.IsHardwareAccelerated || !Avx512BW.IsSupported)
        {
            return TSet.AnyInWithoutAvx512(content);
        }

        fixed (byte* start = content)
        {
            byte* block = start;
            int left = content.Length;
            for (; left > Vector512<byte>.Count; left -= Vector512<byte>.Count, block += Vector512<byte>.Count)
            {
                if (TSet.Matches(Vector512.Load(block)) != Vector512<byte>.Zero)
                {
                    return true;
                }
            }

            // The last 0 to 64 octets, and an octet outside the set in the lanes after them.
            return TSet.Matches(MaskedLoad.First(block, left, TSet.Outside)) != Vector512<byte>.Zero;
        }
    }
}
