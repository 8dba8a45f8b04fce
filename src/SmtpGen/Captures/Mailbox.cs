using System.Buffers;
using System.Runtime.CompilerServices;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// A mailbox, <c>Local-part "@" ( Domain / address-literal )</c>, <c>Local-part = Dot-string / Quoted-string</c>
/// (RFC 5321 §4.1.2), with UTF-8 in the local part and the domain (RFC 6531 §3.3).
/// </summary>
public static class Mailbox
{
    private const string Grammar = "RFC 5321 §4.1.2 Mailbox = Local-part \"@\" ( Domain / address-literal )";

    /// <summary>Scans a mailbox at <paramref name="position"/>.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the mailbox starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The mailbox as sent.</param>
    /// <returns>Whether a mailbox starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes a mailbox.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The mailbox.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a mailbox.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, ScanWhole(value), nameof(Mailbox), Grammar);

    /// <summary>Writes a mailbox into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The mailbox.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a mailbox.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The mailbox.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a mailbox.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, ScanWhole(value), nameof(Mailbox), Grammar, paramName, out written);

    /// <summary>
    /// <paramref name="value"/>'s length when all of it is a mailbox, less otherwise: the usual ASCII mailbox is checked
    /// whole at once (<see cref="AsciiShapes"/>), any other scanned.
    /// </summary>
    /// <remarks>Not inlined: see <see cref="AsciiShapes"/>'s remarks.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int ScanWhole(ReadOnlySpan<byte> value) => AsciiShapes.IsMailbox(value) ? value.Length : Scan(value);

    /// <summary>The length of the mailbox <paramref name="span"/> starts with, or 0.</summary>
    internal static int Scan(ReadOnlySpan<byte> span)
    {
        // Local-part = Dot-string / Quoted-string; Dot-string = Atom *("." Atom)
        int local = span.StartsWith((byte)'"') ? Syntax.QuotedString(span) : DotString(span);
        if (local == 0 || local == span.Length || span[local] != (byte)'@')
        {
            return 0;
        }

        int domain = DomainOrAddressLiteral.Scan(span[(local + 1)..]);
        return domain == 0 ? 0 : local + 1 + domain;
    }

    /// <summary>The longest Dot-string, <c>Atom *("." Atom)</c>, <paramref name="span"/> starts with, or 0.</summary>
    internal static int DotString(ReadOnlySpan<byte> span)
    {
        if (!Syntax.TryAsciiRun(span, Syntax.AtextOrDot, out ReadOnlySpan<byte> ascii))
        {
            return Atoms(span);
        }

        // Atoms and dots alone: the string ends before an empty atom, at a leading, doubled or trailing dot.
        if (!ascii.Contains((byte)'.'))
        {
            return ascii.Length;
        }

        int empty = ascii.IndexOf(".."u8);
        ReadOnlySpan<byte> atoms = empty < 0 ? ascii : ascii[..empty];
        return atoms.IsEmpty || atoms[0] == (byte)'.' ? 0 : atoms[^1] == (byte)'.' ? atoms.Length - 1 : atoms.Length;
    }

    /// <summary>What <see cref="DotString"/> finds, atom by atom, UTF-8 included.</summary>
    internal static int Atoms(ReadOnlySpan<byte> span) => Syntax.List(span, (byte)'.', Atom.Scan);
}
