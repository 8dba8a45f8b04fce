using System.Buffers;

namespace SmtpGen.Captures;

/// <summary>
/// MAIL's reverse path, <c>Reverse-path = Path / "&lt;&gt;"</c> (RFC 5321 §4.1.2). The value is the mailbox,
/// empty for the null reverse path <c>&lt;&gt;</c>.
/// </summary>
public static class ReversePath
{
    private const string Grammar = "RFC 5321 §4.1.2 Mailbox, or empty for the null reverse path \"<>\"";

    /// <summary>Scans a reverse path at <paramref name="position"/>; a source route is skipped.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the path starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The mailbox, without brackets or source route; empty for <c>&lt;&gt;</c>.</param>
    /// <returns>Whether a reverse path starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value)
    {
        ReadOnlySpan<byte> rest = content[position..];
        if (rest.StartsWith("<>"u8))
        {
            value = default;
            position += 2;
            return true;
        }

        int length = PathSyntax.Scan(rest, out Range mailbox);
        value = rest[mailbox];
        position += length;
        return length != 0;
    }

    /// <summary>Writes <c>&lt;mailbox&gt;</c>, or <c>&lt;&gt;</c> for an empty value.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The mailbox, or empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither empty nor a mailbox.</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate(value, nameof(value));
        PathSyntax.Write(output, value);
    }

    /// <summary>Writes <c>&lt;mailbox&gt;</c>, or <c>&lt;&gt;</c> for an empty value, into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The mailbox, or empty.</param>
    /// <param name="written">The octets written; 0 when the path does not fit.</param>
    /// <returns>Whether the path fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither empty nor a mailbox.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The mailbox, or empty.</param>
    /// <param name="written">The octets written; 0 when the path does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the path fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither empty nor a mailbox.</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName)
    {
        Validate(value, paramName);
        return PathSyntax.TryWrite(destination, value, out written);
    }

    private static void Validate(ReadOnlySpan<byte> value, string paramName)
    {
        if (!value.IsEmpty && !Token.IsWhole(value, Mailbox.ScanWhole(value)))
        {
            ThrowHelper.ThrowInvalidCapture(nameof(ReversePath), Grammar, paramName);
        }
    }
}
