using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SmtpGen.Grammar;

namespace SmtpGen;

/// <summary>
/// The control characters a reply's text may not hold: every octet below 32 but HT, and DEL (RFC 5321 §4.2's
/// textstring is HT and %d32-126; the octets above 127, which servers send, are let through). CR and LF are among them.
/// </summary>
internal readonly struct TextControls : IOctetSet
{
    public static byte Outside => (byte)' ';

    /// <summary>Whether <paramref name="text"/> holds a control character, searched inline (<see cref="OctetSearch.Any{TSet}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool In(ReadOnlySpan<byte> text) => OctetSearch.Any<TextControls>(text);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Matches(Vector512<byte> octets) =>
        (Vector512.LessThan(octets, Vector512.Create((byte)' ')) & ~Vector512.Equals(octets, Vector512.Create((byte)'\t'))) |
        Vector512.Equals(octets, Vector512.Create((byte)0x7F));

    public static bool AnyInWithoutAvx512(ReadOnlySpan<byte> content) => content.IndexOfAny(Syntax.Controls) >= 0;
}
