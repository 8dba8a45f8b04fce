using System.Buffers;
using System.Runtime.CompilerServices;

namespace SmtpGen.Captures;

/// <summary>The two halves every span-valued capture shares: taking a scanned token and writing a checked one.</summary>
internal static class Token
{
    /// <summary>
    /// Completes a <c>TryScan</c>: takes a token of <paramref name="length"/> octets (0: none) at
    /// <paramref name="position"/> and advances the position past it.
    /// </summary>
    internal static bool Take(ReadOnlySpan<byte> content, scoped ref int position, int length, out ReadOnlySpan<byte> value)
    {
        if (length == 0)
        {
            value = default;
            return false;
        }

        value = content.Slice(position, length);
        position += length;
        return true;
    }

    /// <summary>Whether a scanner that matched <paramref name="length"/> octets of <paramref name="value"/> matched all of it.</summary>
    internal static bool IsWhole(ReadOnlySpan<byte> value, int length) => length != 0 && length == value.Length;

    /// <summary>
    /// Completes a <c>Write</c>: writes <paramref name="value"/> when its scanner matched all of it
    /// (<paramref name="length"/> octets), and throws otherwise.
    /// </summary>
    internal static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value, int length, string kind, string grammar)
    {
        ArgumentNullException.ThrowIfNull(output);
        TryWrite(output.GetSpan(value.Length), value, length, kind, grammar, nameof(value), out int written);
        output.Advance(written);
    }

    /// <summary>
    /// Completes a <c>TryWrite</c>: copies <paramref name="value"/> into <paramref name="destination"/> when its
    /// scanner matched all of it and it fits; throws when it is not valid, whatever the room, naming the value
    /// <paramref name="paramName"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, int length, string kind, string grammar, string paramName, out int written)
    {
        if (!IsWhole(value, length))
        {
            ThrowHelper.ThrowInvalidCapture(kind, grammar, paramName);
        }

        written = value.TryCopyTo(destination) ? value.Length : 0;
        return written != 0;
    }
}
