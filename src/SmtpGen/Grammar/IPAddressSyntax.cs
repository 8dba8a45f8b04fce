using System.Buffers;

namespace SmtpGen.Grammar;

/// <summary>The IPv4 and IPv6 forms of an address literal (RFC 5321 §4.1.3), checked without parsing into an address.</summary>
internal static class IPAddressSyntax
{
    private static readonly SearchValues<byte> HexDigit = SearchValues.Create("0123456789ABCDEFabcdef"u8);

    /// <summary>Whether all of <paramref name="span"/> is <c>Snum 3("." Snum)</c>, each Snum 1*3DIGIT of value 0–255.</summary>
    internal static bool IsIPv4(ReadOnlySpan<byte> span)
    {
        for (int part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (span.IsEmpty || span[0] != (byte)'.')
                {
                    return false;
                }

                span = span[1..];
            }

            int digits = Syntax.DigitRun(span);
            if (digits is 0 or > 3)
            {
                return false;
            }

            int value = 0;
            foreach (byte digit in span[..digits])
            {
                value = (value * 10) + (digit - '0');
            }

            if (value > 255)
            {
                return false;
            }

            span = span[digits..];
        }

        return span.IsEmpty;
    }

    /// <summary>
    /// Whether all of <paramref name="span"/> is an IPv6-addr: IPv6-full (8 groups), IPv6-comp (at most 6 groups
    /// besides one "::"), IPv6v4-full (6 groups and an IPv4 address) or IPv6v4-comp (at most 4 groups besides
    /// "::" and the IPv4 address). Each group is 1*4HEXDIG.
    /// </summary>
    internal static bool IsIPv6(ReadOnlySpan<byte> span)
    {
        int groups = 0;
        bool compressed = span.StartsWith("::"u8);
        if (compressed)
        {
            span = span[2..];
        }

        while (!span.IsEmpty)
        {
            int hex = span.IndexOfAnyExcept(HexDigit);
            if (hex < 0)
            {
                hex = span.Length;
            }
            else if (span[hex] == (byte)'.')
            {
                // IPv6v4-full / IPv6v4-comp: an IPv4 address ends the address, in place of two groups.
                return IsIPv4(span) && (compressed ? groups <= 4 : groups == 6);
            }

            if (hex is 0 or > 4)
            {
                return false;
            }

            groups++;
            span = span[hex..];
            if (span.IsEmpty)
            {
                break;
            }

            // After a group: ":" and another group, or "::" (once) and optionally more groups.
            if (span.Length == 1 || span[0] != (byte)':')
            {
                return false;
            }

            span = span[1..];
            if (span[0] == (byte)':')
            {
                if (compressed)
                {
                    return false;
                }

                compressed = true;
                span = span[1..];
            }
        }

        // "::" stands for at least two groups of zeros.
        return compressed ? groups <= 6 : groups == 8;
    }
}
