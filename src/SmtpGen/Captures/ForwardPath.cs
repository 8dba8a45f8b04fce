using System.Buffers;
using System.Text;

namespace SmtpGen.Captures;

/// <summary>
/// RCPT's forward path: <c>Path</c> (RFC 5321 §4.1.2) or <c>"&lt;Postmaster&gt;"</c> (RFC 5321 §4.1.1.3,
/// case-insensitive). The value is the mailbox, or <c>Postmaster</c> as sent.
/// </summary>
public static class ForwardPath
{
    private const string Grammar = "RFC 5321 §4.1.2 Mailbox, or \"Postmaster\" (RFC 5321 §4.1.1.3)";

    /// <summary>RFC 5321 §4.1.1.3: "&lt;Postmaster&gt;", with no domain.</summary>
    private static ReadOnlySpan<byte> PostmasterPath => "<Postmaster>"u8;

    /// <summary>Scans a forward path at <paramref name="position"/>; a source route is skipped.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the path starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The mailbox, without brackets or source route, or <c>Postmaster</c> as sent.</param>
    /// <returns>Whether a forward path starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value)
    {
        ReadOnlySpan<byte> rest = content[position..];
        int length = PathSyntax.Scan(rest, out Range mailbox);
        if (length == 0 && rest.Length >= PostmasterPath.Length && Ascii.EqualsIgnoreCase(rest[..PostmasterPath.Length], PostmasterPath))
        {
            length = PostmasterPath.Length;
            mailbox = 1..^1;
        }

        value = rest[..length][mailbox];
        position += length;
        return length != 0;
    }

    /// <summary>Writes <c>&lt;value&gt;</c>.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">A mailbox, or <c>Postmaster</c> in any case.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither a mailbox nor <c>Postmaster</c>.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate(value, nameof(value));
        PathSyntax.Write(output, value);
    }

    /// <summary>Writes <c>&lt;value&gt;</c> into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">A mailbox, or <c>Postmaster</c> in any case.</param>
    /// <param name="written">The octets written; 0 when the path does not fit.</param>
    /// <returns>Whether the path fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither a mailbox nor <c>Postmaster</c>.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">A mailbox, or <c>Postmaster</c> in any case.</param>
    /// <param name="written">The octets written; 0 when the path does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the path fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither a mailbox nor <c>Postmaster</c>.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName)
    {
        Validate(value, paramName);
        return PathSyntax.TryWrite(destination, value, out written);
    }

    private static void Validate(ReadOnlySpan<byte> value, string paramName)
    {
        if (!Token.IsWhole(value, Mailbox.ScanWhole(value)) && !Ascii.EqualsIgnoreCase(value, PostmasterPath[1..^1]))
        {
            ThrowHelper.ThrowInvalidCapture(nameof(ForwardPath), Grammar, paramName);
        }
    }
}
