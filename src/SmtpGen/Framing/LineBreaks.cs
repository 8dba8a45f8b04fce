using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SmtpGen;

/// <summary>The search for a CR or LF inside a line's content, where RFC 5321 §2.3.8 allows neither.</summary>
internal static class LineBreaks
{
    /// <summary>
    /// Whether <paramref name="content"/> holds a CR or an LF. Inlined into the generated parsers' first step: with
    /// AVX-512 the search is a loop of 64-octet compares in the caller, its last block read by a masked load, so a
    /// command line (rarely longer than 64 octets) costs two compares and no call. A call would make the parser save
    /// the registers it keeps across it on every line, refused or not; elsewhere the search is
    /// <see cref="MemoryExtensions.IndexOfAny{T}(ReadOnlySpan{T}, T, T)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe bool In(ReadOnlySpan<byte> content)
    {
        if (!Vector512.IsHardwareAccelerated || !Avx512BW.IsSupported)
        {
            return content.IndexOfAny((byte)'\r', (byte)'\n') >= 0;
        }

        fixed (byte* start = content)
        {
            byte* block = start;
            int left = content.Length;
            for (; left > Vector512<byte>.Count; left -= Vector512<byte>.Count, block += Vector512<byte>.Count)
            {
                if (IsCrOrLf(Vector512.Load(block)) != Vector512<byte>.Zero)
                {
                    return true;
                }
            }

            // The last 0 to 64 octets, zeros after them (neither CR nor LF).
            return IsCrOrLf(MaskedLoad.First(block, left)) != Vector512<byte>.Zero;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> IsCrOrLf(Vector512<byte> octets) =>
        Vector512.Equals(octets, Vector512.Create((byte)'\r')) | Vector512.Equals(octets, Vector512.Create((byte)'\n'));
}
