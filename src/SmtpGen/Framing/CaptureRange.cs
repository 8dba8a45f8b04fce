using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmtpGen;

/// <summary>
/// Where a capture lies in its command line, in octets: what a generated <c>Command</c> keeps in place of the
/// capture's span, so that a command is its line and 8 octets a capture rather than 16. Every parse clears or fills
/// the whole command, so its width is paid on every line. For generated code; read a command through its properties.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CaptureRange
{
    private readonly int _start;
    private readonly int _length;

    private CaptureRange(int start, int length)
    {
        _start = start;
        _length = length;
    }

    /// <summary>Where <paramref name="capture"/> lies in <paramref name="line"/>; an empty capture lies nowhere.</summary>
    /// <param name="line">The command line the capture was scanned from.</param>
    /// <param name="capture">The capture, as its kind's <c>TryScan</c> gave it: a slice of <paramref name="line"/>.</param>
    /// <returns>The capture's range.</returns>
    /// <exception cref="ArgumentException"><paramref name="capture"/> is not empty and not a slice of <paramref name="line"/>.</exception>
    public static CaptureRange Of(ReadOnlySpan<byte> line, ReadOnlySpan<byte> capture)
    {
        if (capture.IsEmpty)
        {
            return default;
        }

        nint start = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(line), ref MemoryMarshal.GetReference(capture));
        if (capture.Length > line.Length || (nuint)start > (nuint)(line.Length - capture.Length))
        {
            ThrowHelper.ThrowArgument(nameof(capture), "A capture kind's TryScan gave a value that is not a slice of the line it scanned; a parsed command keeps only where its captures lie in its line.");
        }

        return new CaptureRange((int)start, capture.Length);
    }

    /// <summary>Where <paramref name="parameters"/> lie in <paramref name="line"/>.</summary>
    /// <param name="line">The command line the parameters were scanned from.</param>
    /// <param name="parameters">The parameters, as <see cref="Captures.Parameters.TryScan"/> gave them.</param>
    /// <returns>The parameters' range.</returns>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> are not empty and not a slice of <paramref name="line"/>.</exception>
    public static CaptureRange Of(ReadOnlySpan<byte> line, EsmtpParameters parameters) => Of(line, parameters.Raw);

    /// <summary>The capture in <paramref name="line"/>, the line it was found in; <see langword="default"/> when empty.</summary>
    /// <param name="line">The line <see cref="Of(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> was given.</param>
    /// <returns>The capture.</returns>
    public ReadOnlySpan<byte> In(ReadOnlySpan<byte> line) => _length == 0 ? default : line.Slice(_start, _length);

    /// <summary>The parameters in <paramref name="line"/>, the line they were scanned from, as checked then.</summary>
    /// <param name="line">The line <see cref="Of(ReadOnlySpan{byte}, EsmtpParameters)"/> was given.</param>
    /// <returns>The parameters; empty ones when there were none.</returns>
    public EsmtpParameters ParametersIn(ReadOnlySpan<byte> line) => new(In(line));
}
