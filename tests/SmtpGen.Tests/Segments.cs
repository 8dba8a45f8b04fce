using System.Buffers;
using System.Text;

namespace SmtpGen.Tests;

/// <summary>Builds a <see cref="ReadOnlySequence{T}"/> split into the given pieces.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Sequence(params string[] pieces)
    {
        var first = new Segments(Encoding.UTF8.GetBytes(pieces[0]), 0);
        Segments last = first;
        for (int i = 1; i < pieces.Length; i++)
        {
            var next = new Segments(Encoding.UTF8.GetBytes(pieces[i]), last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
