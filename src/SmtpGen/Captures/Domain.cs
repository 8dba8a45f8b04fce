using System.Buffers;
using System.Runtime.CompilerServices;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// A domain name: <c>Domain = sub-domain *("." sub-domain)</c>, <c>sub-domain = Let-dig [Ldh-str]</c>
/// (RFC 5321 §4.1.2), with U-labels whose non-ASCII characters are UTF-8 (RFC 6531 §3.3).
/// </summary>
public static class Domain
{
    /// <summary>The longest domain name or number, in octets (RFC 5321 §4.5.3.1.2).</summary>
    public const int MaxLength = 255;

    private const string Grammar = "RFC 5321 §4.1.2 Domain, labels of letters, digits and inner hyphens separated by dots (RFC 6531: or UTF-8), at most 255 octets";

    /// <summary>Scans the longest domain at <paramref name="position"/>.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the domain starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The domain.</param>
    /// <returns>Whether a domain starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes a domain.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The domain.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a domain.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, ScanWhole(value), nameof(Domain), Grammar);

    /// <summary>Writes a domain into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The domain.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a domain.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The domain.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a domain.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, ScanWhole(value), nameof(Domain), Grammar, paramName, out written);

    /// <summary>
    /// <paramref name="value"/>'s length when all of it is a domain, less otherwise: the usual ASCII domain is checked
    /// whole at once (<see cref="AsciiShapes"/>), any other scanned.
    /// </summary>
    /// <remarks>Not inlined: see <see cref="AsciiShapes"/>'s remarks.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int ScanWhole(ReadOnlySpan<byte> value) => AsciiShapes.IsDomain(value) ? value.Length : Scan(value);

    /// <summary>The length of the longest domain <paramref name="span"/> starts with, or 0.</summary>
    internal static int Scan(ReadOnlySpan<byte> span)
    {
        int length = Syntax.TryAsciiRun(span, Syntax.LdhOrDot, out ReadOnlySpan<byte> ascii) ? AsciiLabels(ascii) : Labels(span);
        return length <= MaxLength ? length : 0;
    }

    /// <summary>The longest domain <paramref name="span"/> starts with, label by label, U-labels included.</summary>
    internal static int Labels(ReadOnlySpan<byte> span) => Syntax.List(span, (byte)'.', SubDomain);

    /// <summary>
    /// What <see cref="Labels"/> finds, for a span of letters, digits, hyphens and dots only: each label is found with
    /// one search for its dot and checked at its two ends.
    /// </summary>
    private static int AsciiLabels(ReadOnlySpan<byte> span)
    {
        int length = 0, start = 0;
        while (true)
        {
            int dot = span[start..].IndexOf((byte)'.');
            int end = dot < 0 ? span.Length : start + dot;
            if (end == start || span[start] == (byte)'-')
            {
                return length;
            }

            if (span[end - 1] == (byte)'-')
            {
                // The label's letters and digits count; the domain ends at its last one.
                return start + span[start..end].LastIndexOfAnyExcept((byte)'-') + 1;
            }

            length = end;
            if (end + 1 >= span.Length)
            {
                return length;
            }

            start = end + 1;
        }
    }

    /// <summary>
    /// <c>sub-domain = Let-dig [Ldh-str]</c>: letters, digits and hyphens, not starting or ending with a
    /// hyphen; UTF-8 counts as a letter (RFC 6531 §3.3: <c>sub-domain =/ U-label</c>).
    /// </summary>
    private static int SubDomain(ReadOnlySpan<byte> span)
    {
        int length = Syntax.SpanOf(span, Syntax.Ldh);
        return length == 0 || span[0] == (byte)'-' ? 0 : span[..length].LastIndexOfAnyExcept((byte)'-') + 1;
    }
}
