using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace SmtpGen;

/// <summary>
/// The first steps of parsing a command line, called by generated parsers: checking its length and line
/// ending, reading its verb and matching the literal text of a pattern.
/// </summary>
public static class CommandLine
{
    /// <summary>
    /// Checks one command line, CRLF included, and returns its content without the CRLF.
    /// </summary>
    /// <param name="line">The line, ending with CRLF.</param>
    /// <param name="maxLength">The longest line allowed in octets, CRLF included (RFC 5321 §4.5.3.1.4: 512).</param>
    /// <param name="content">The line without its CRLF when the result is <see cref="CommandStatus.Ok"/>.</param>
    /// <returns>
    /// <see cref="CommandStatus.LineTooLong"/> when the line is longer than <paramref name="maxLength"/>;
    /// <see cref="CommandStatus.BadLineEnding"/> when it does not end with CRLF or holds another CR or LF;
    /// otherwise <see cref="CommandStatus.Ok"/>.
    /// </returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CommandStatus TryGetContent(ReadOnlySpan<byte> line, int maxLength, out ReadOnlySpan<byte> content)
    {
        content = default;
        int length = line.Length;
        if (length > maxLength)
        {
            return CommandStatus.LineTooLong;
        }

        // RFC 5321 §2.3.8: a line ends with CRLF, and CR and LF appear nowhere else (no bare CR or LF). The content is
        // sliced once, for the search and the result.
        if (length < 2 || line[length - 2] != (byte)'\r' || line[length - 1] != (byte)'\n')
        {
            return CommandStatus.BadLineEnding;
        }

        ReadOnlySpan<byte> withoutCrlf = line[..(length - 2)];
        if (LineBreaks.In(withoutCrlf))
        {
            return CommandStatus.BadLineEnding;
        }

        content = withoutCrlf;
        return CommandStatus.Ok;
    }

    /// <summary>The longest verb generated parsers dispatch on: two packed integers' worth.</summary>
    public const int MaxVerbLength = 2 * sizeof(ulong);

    /// <summary>
    /// Reads the verb, the octets before the first SP (or all of <paramref name="content"/>): its first 8 octets
    /// packed little-endian into a <see cref="ulong"/>, octet 0 in the low 8 bits, zero-padded. A longer verb's
    /// octets 8 to 15 are read by <see cref="ReadVerbTail"/>.
    /// </summary>
    /// <remarks>
    /// Generated code compares <c>(packed &amp; mask) == constant</c>, where the mask holds 0xDF for a letter
    /// (folding case, RFC 5321 §2.4: verbs are case-insensitive) and 0xFF for any other octet.
    /// </remarks>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="length">The verb's length in octets.</param>
    /// <returns>The verb's first 8 octets packed, or 0 when it is empty or longer than <see cref="MaxVerbLength"/>.</returns>
    public static ulong ReadVerb(ReadOnlySpan<byte> content, out int length)
    {
        int space = content.IndexOf((byte)' ');
        length = space < 0 ? content.Length : space;
        return length is 0 or > MaxVerbLength ? 0 : Pack(content, Math.Min(length, sizeof(ulong)));
    }

    /// <summary>
    /// Whether the verb, the octets before the first SP, can be <paramref name="length"/> octets long: the octet at
    /// <paramref name="length"/> is SP, or the content ends there. It is then that long, or shorter when an SP comes
    /// earlier; a verb holds no SP, so packed octets that take one in never match it.
    /// </summary>
    /// <remarks>
    /// Generated parsers try the lengths of their verbs, shortest first, instead of searching for the SP: a line whose
    /// verb is unknown costs one or two octet comparisons.
    /// </remarks>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="length">A verb length, 1 to <see cref="MaxVerbLength"/>.</param>
    /// <returns>Whether a verb of <paramref name="length"/> octets ends where it should.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool VerbEndsAt(ReadOnlySpan<byte> content, int length) =>
        (uint)length < (uint)content.Length ? content[length] == (byte)' ' : content.Length == length;

    /// <summary>
    /// The first <paramref name="length"/> octets of <paramref name="content"/>, at most 8, packed as
    /// <see cref="ReadVerb"/> packs a verb, once <see cref="VerbEndsAt"/> has said the verb can be that long.
    /// </summary>
    /// <param name="content">The command line without its CRLF, at least <paramref name="length"/> octets.</param>
    /// <param name="length">The octets to pack, 1 to 8 (a longer verb packs its first 8 here, the rest with <see cref="ReadVerbTail"/>).</param>
    /// <returns>The packed octets.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong PackVerb(ReadOnlySpan<byte> content, int length) => length switch
    {
        // The common lengths read exactly their octets; a constant length folds this switch away.
        sizeof(uint) => BinaryPrimitives.ReadUInt32LittleEndian(content),
        sizeof(ulong) => BinaryPrimitives.ReadUInt64LittleEndian(content),
        _ => Pack(content, length),
    };

    /// <summary>
    /// Reads octets 8 to <paramref name="length"/> − 1 of a verb longer than 8 octets, packed as
    /// <see cref="ReadVerb"/> packs its first 8.
    /// </summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="length">The verb's length, 9 to <see cref="MaxVerbLength"/>, as <see cref="ReadVerb"/> gave it.</param>
    /// <returns>The packed octets.</returns>
    public static ulong ReadVerbTail(ReadOnlySpan<byte> content, int length) =>
        Pack(content[sizeof(ulong)..], length - sizeof(ulong));

    /// <summary>The first <paramref name="count"/> (1 to 8) octets, little-endian, zero-padded.</summary>
    private static ulong Pack(ReadOnlySpan<byte> content, int count)
    {
        if (content.Length >= sizeof(ulong))
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(content) & (ulong.MaxValue >> ((sizeof(ulong) - count) * 8));
        }

        ulong packed = 0;
        for (int i = count - 1; i >= 0; i--)
        {
            packed = (packed << 8) | content[i];
        }

        return packed;
    }

    /// <summary>
    /// Whether <paramref name="content"/> continues at <paramref name="position"/> with
    /// <paramref name="literal"/>, compared ASCII case-insensitively (RFC 5321 §2.4); if so the position is
    /// advanced past it.
    /// </summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where to compare; advanced by the literal's length on a match.</param>
    /// <param name="literal">The pattern's literal text, ASCII.</param>
    /// <returns>Whether the literal matched.</returns>
    public static bool TryMatch(ReadOnlySpan<byte> content, ref int position, ReadOnlySpan<byte> literal)
    {
        ReadOnlySpan<byte> rest = content[position..];
        if (rest.Length < literal.Length || !Ascii.EqualsIgnoreCase(rest[..literal.Length], literal))
        {
            return false;
        }

        position += literal.Length;
        return true;
    }

    /// <summary>
    /// As <see cref="TryMatch"/>, for literal text that may hold UTF-8 beyond ASCII (a reply's, <c>Grüße</c>): ASCII
    /// letters are compared without regard to case and every other octet exactly.
    /// </summary>
    /// <param name="content">The line without its CRLF.</param>
    /// <param name="position">Where to compare; advanced by the literal's length on a match.</param>
    /// <param name="literal">The literal text, UTF-8.</param>
    /// <returns>Whether the literal matched.</returns>
    public static bool TryMatchText(ReadOnlySpan<byte> content, ref int position, ReadOnlySpan<byte> literal)
    {
        ReadOnlySpan<byte> rest = content[position..];
        if (rest.Length < literal.Length)
        {
            return false;
        }

        for (int i = 0; i < literal.Length; i++)
        {
            byte octet = rest[i];
            if (octet != literal[i] && !(char.IsAsciiLetter((char)octet) && (octet | 0x20) == (literal[i] | 0x20)))
            {
                return false;
            }
        }

        position += literal.Length;
        return true;
    }

    /// <summary>
    /// Whether the line ends at <paramref name="position"/>, but for spaces and tabs: the end of a command of a protocol
    /// that tolerates trailing white space (RFC 5321 §4.1.1: receivers SHOULD, "in the interest of improved
    /// interoperability"; <see cref="LineProtocolAttribute.TolerateTrailingWhiteSpace"/>).
    /// </summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the pattern's match ended.</param>
    /// <returns>Whether nothing but SP and HTAB follows <paramref name="position"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EndsAt(ReadOnlySpan<byte> content, int position) =>
        position == content.Length || IsWhiteSpaceFrom(content, position);

    /// <summary>The rare case of <see cref="EndsAt"/>, out of line so that every parser inlines only the compare.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsWhiteSpaceFrom(ReadOnlySpan<byte> content, int position) =>
        content[position..].IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;
}
