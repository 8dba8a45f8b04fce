using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SmtpGen;

/// <summary>CR and LF, which RFC 5321 §2.3.8 allows nowhere inside a line's content.</summary>
internal readonly struct LineBreaks : IOctetSet
{
    public static byte Outside => 0;

    /// <summary>
    /// Whether <paramref name="content"/> holds a CR or an LF: the generated command parsers' first step, inlined
    /// (<see cref="OctetSearch.Any{TSet}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool In(ReadOnlySpan<byte> content) => OctetSearch.Any<LineBreaks>(content);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Matches(Vector512<byte> octets) =>
        Vector512.Equals(octets, Vector512.Create((byte)'\r')) | Vector512.Equals(octets, Vector512.Create((byte)'\n'));

    public static bool AnyInWithoutAvx512(ReadOnlySpan<byte> content) => content.IndexOfAny((byte)'\r', (byte)'\n') >= 0;
}
