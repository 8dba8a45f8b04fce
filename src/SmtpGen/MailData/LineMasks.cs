using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SmtpGen;

/// <summary>Where CR, LF and dot sit in a block of 64 octets, as bit masks: what the mail data fast paths look at.</summary>
internal static class LineMasks
{
    /// <summary>The octets of one block.</summary>
    public const int Block = 64;

    /// <summary>Which of the 64 octets at <paramref name="block"/> are CR, LF and dot, one bit each (bit 0: the first octet).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Read(ref byte block, out ulong cr, out ulong lf, out ulong dot)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<byte> octets = Vector512.LoadUnsafe(ref block);
            cr = Vector512.Equals(octets, Vector512.Create((byte)'\r')).ExtractMostSignificantBits();
            lf = Vector512.Equals(octets, Vector512.Create((byte)'\n')).ExtractMostSignificantBits();
            dot = Vector512.Equals(octets, Vector512.Create((byte)'.')).ExtractMostSignificantBits();
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> low = Vector256.LoadUnsafe(ref block);
            Vector256<byte> high = Vector256.LoadUnsafe(ref block, 32);
            cr = Combine(Vector256.Equals(low, Vector256.Create((byte)'\r')), Vector256.Equals(high, Vector256.Create((byte)'\r')));
            lf = Combine(Vector256.Equals(low, Vector256.Create((byte)'\n')), Vector256.Equals(high, Vector256.Create((byte)'\n')));
            dot = Combine(Vector256.Equals(low, Vector256.Create((byte)'.')), Vector256.Equals(high, Vector256.Create((byte)'.')));
        }
        else
        {
            cr = Mask128(ref block, (byte)'\r');
            lf = Mask128(ref block, (byte)'\n');
            dot = Mask128(ref block, (byte)'.');
        }
    }

    private static ulong Combine(Vector256<byte> low, Vector256<byte> high) =>
        low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << 32);

    private static ulong Mask128(ref byte block, byte value)
    {
        Vector128<byte> wanted = Vector128.Create(value);
        ulong mask = 0;
        for (int part = 0; part < 4; part++)
        {
            Vector128<byte> octets = Vector128.LoadUnsafe(ref block, (nuint)(part * 16));
            mask |= (ulong)Vector128.Equals(octets, wanted).ExtractMostSignificantBits() << (part * 16);
        }

        return mask;
    }
}
