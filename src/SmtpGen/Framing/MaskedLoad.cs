using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SmtpGen;

/// <summary>The one read of 0 to 64 octets at once, for the searches and checks that use AVX-512.</summary>
internal static class MaskedLoad
{
    /// <summary>
    /// The first <paramref name="count"/> octets (0 to 64) at <paramref name="start"/>, and <paramref name="fill"/>
    /// (zero unless given) in the lanes after them. A masked load reads only the lanes of its mask: it cannot read or
    /// fault past the octets, so it may be used where the 64 octets from <paramref name="start"/> run past the end of
    /// the memory, and with a null <paramref name="start"/> when <paramref name="count"/> is 0 (what <c>fixed</c> gives
    /// for an empty span).
    /// Callers check <see cref="Avx512BW.IsSupported"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe Vector512<byte> First(byte* start, int count, byte fill = 0) =>
        Avx512BW.MaskLoad(start, Vector512.LessThan(Vector512<byte>.Indices, Vector512.Create((byte)count)), Vector512.Create(fill));
}
