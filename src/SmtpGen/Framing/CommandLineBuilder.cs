using System.Runtime.CompilerServices;

namespace SmtpGen;

/// <summary>
/// A command line built in one span, called by generated writers: literals and captures are written into the
/// span an <see cref="System.Buffers.IBufferWriter{T}"/> lent, and the writer advances once, after the whole line
/// fits. A writer that throws has therefore advanced nothing.
/// </summary>
/// <remarks>
/// Its members ask to be inlined: a slice or a copy of a few octets is not worth a call, and a writer inlined into a
/// caller that holds other writers would otherwise leave them as calls when the caller's inlining budget runs short
/// (benchmarks README, tenth part).
/// </remarks>
public ref struct CommandLineBuilder
{
    private readonly Span<byte> _line;
    private readonly int _maxLength;
    private int _length;

    /// <summary>Starts a line in <paramref name="buffer"/>, of at most <paramref name="maxLength"/> octets.</summary>
    /// <param name="buffer">Where to build the line, usually <c>output.GetSpan(maxLength)</c>.</param>
    /// <param name="maxLength">The longest line allowed in octets, CRLF included.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CommandLineBuilder(Span<byte> buffer, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        _line = buffer.Length > maxLength ? buffer[..maxLength] : buffer;
        _maxLength = maxLength;
    }

    /// <summary>The octets written so far.</summary>
    public readonly int Length => _length;

    /// <summary>The room left on the line, where a capture writes its value.</summary>
    public readonly Span<byte> Free
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _line[_length..];
    }

    /// <summary>Appends literal text.</summary>
    /// <param name="literal">The text.</param>
    /// <exception cref="ArgumentException">The line would be longer than its maximum.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(scoped ReadOnlySpan<byte> literal)
    {
        if (!literal.TryCopyTo(Free))
        {
            ThrowHelper.ThrowLineTooLong(_maxLength);
        }

        _length += literal.Length;
    }

    /// <summary>Moves past what a capture wrote into <see cref="Free"/>.</summary>
    /// <param name="fitted">What the capture's <c>TryWrite</c> returned: whether its value fitted.</param>
    /// <param name="written">The octets it wrote.</param>
    /// <exception cref="ArgumentException">The value did not fit: the line would be longer than its maximum.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(bool fitted, int written)
    {
        if (!fitted || (uint)written > (uint)(_line.Length - _length))
        {
            ThrowHelper.ThrowLineTooLong(_maxLength);
        }

        _length += written;
    }
}
