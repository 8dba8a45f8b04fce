using System.Buffers;
using System.Runtime.CompilerServices;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>A domain or an address literal, as EHLO takes (RFC 5321 §4.1.1.1: <c>Domain / address-literal</c>).</summary>
public static class DomainOrAddressLiteral
{
    private const string Grammar = "RFC 5321 §4.1.1.1 Domain / address-literal";

    /// <summary>Scans a domain or an address literal at <paramref name="position"/>.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the token starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The domain, or the literal with its brackets.</param>
    /// <returns>Whether a domain or an address literal starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Scan(content[position..]), out value);

    /// <summary>Writes a domain or an address literal.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The domain, or the literal with its brackets.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, ScanWhole(value), nameof(DomainOrAddressLiteral), Grammar);

    /// <summary>Writes a domain or an address literal into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The domain, or the literal with its brackets.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The domain, or the literal with its brackets.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, ScanWhole(value), nameof(DomainOrAddressLiteral), Grammar, paramName, out written);

    /// <summary>
    /// <paramref name="value"/>'s length when all of it is a domain or an address literal, less otherwise: the usual
    /// ASCII domain is checked whole at once (<see cref="AsciiShapes"/>), any other scanned.
    /// </summary>
    /// <remarks>Not inlined: see <see cref="AsciiShapes"/>'s remarks.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ScanWhole(ReadOnlySpan<byte> value) => AsciiShapes.IsDomain(value) ? value.Length : Scan(value);

    /// <summary>The length of the domain or address literal <paramref name="span"/> starts with, or 0 (none, or one longer than 255 octets).</summary>
    internal static int Scan(ReadOnlySpan<byte> span)
    {
        int length = span.StartsWith((byte)'[') ? AddressLiteral.Scan(span) : Domain.Scan(span);
        return length <= Domain.MaxLength ? length : 0;
    }
}
