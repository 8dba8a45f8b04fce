using System.Buffers;
using System.Runtime.CompilerServices;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// <c>Path = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"</c> (RFC 5321 §4.1.2), the shape shared by reverse and
/// forward paths.
/// </summary>
internal static class PathSyntax
{
    /// <summary>
    /// The length of the path <paramref name="span"/> starts with, or 0; <paramref name="mailbox"/> is where its
    /// mailbox lies. A source route is accepted and skipped (RFC 5321 §4.1.2, Appendix C).
    /// </summary>
    internal static int Scan(ReadOnlySpan<byte> span, out Range mailbox)
    {
        mailbox = default;
        if (span.IsEmpty || span[0] != (byte)'<')
        {
            return 0;
        }

        int start = 1;
        int route = Syntax.List(span[1..], (byte)',', AtDomain);
        if (route != 0)
        {
            if (1 + route == span.Length || span[1 + route] != (byte)':')
            {
                return 0;
            }

            start = route + 2;
        }

        int end = start + ScanMailbox(span[start..]);
        if (end == start || end == span.Length || span[end] != (byte)'>')
        {
            return 0;
        }

        mailbox = start..end;
        return end + 1;
    }

    /// <summary>
    /// The length of the mailbox <paramref name="span"/> starts with, or 0. The usual ASCII mailbox, all of what comes
    /// before the path's <c>&gt;</c>, is checked whole at once (<see cref="AsciiShapes"/>): the scanner would end it
    /// there too, as none of its octets may be a <c>&gt;</c>.
    /// </summary>
    private static int ScanMailbox(ReadOnlySpan<byte> span)
    {
        int close = span.IndexOf((byte)'>');
        return close > 0 && AsciiShapes.IsMailbox(span[..close]) ? close : Mailbox.Scan(span);
    }

    /// <summary>Writes <c>"&lt;" value "&gt;"</c> in one piece.</summary>
    internal static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        TryWrite(output.GetSpan(value.Length + 2), value, out int written);
        output.Advance(written);
    }

    /// <summary>Writes <c>"&lt;" value "&gt;"</c> into <paramref name="destination"/> if it fits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written)
    {
        written = 0;
        if (destination.Length < value.Length + 2)
        {
            return false;
        }

        destination[0] = (byte)'<';
        value.CopyTo(destination[1..]);
        destination[value.Length + 1] = (byte)'>';
        written = value.Length + 2;
        return true;
    }

    /// <summary>At-domain = "@" Domain</summary>
    private static int AtDomain(ReadOnlySpan<byte> span)
    {
        if (!span.StartsWith((byte)'@'))
        {
            return 0;
        }

        int domain = Domain.Scan(span[1..]);
        return domain == 0 ? 0 : domain + 1;
    }
}
