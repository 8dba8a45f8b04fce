using System.Buffers;
using System.Text;
using SmtpGen.Smtp;
using SmtpGen.Tests;

namespace SmtpGen.Protocols.Tests;

/// <summary>
/// Commands read from a stream the way the README shows (<see cref="LineFramer"/>, then the generated parser), fed in
/// reads that split lines anywhere: every line is parsed once, and an over-long line is refused once and nothing in it
/// is read as a command.
/// </summary>
public class SmtpLineReadingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(4096)]
    public void Lines_split_across_reads_are_parsed_and_an_over_long_one_is_refused_and_dropped(int readSize)
    {
        string input = "NOOP\r\n"
            + "MAIL FROM:<" + new string('x', 4000) + "\nRSET \rQUIT\r\n" // over-long, with commands after bare LF and CR
            + "RCPT TO:<bob@example.com>\r\n"
            + "QUIT\r\n";
        var session = new CommandReader();
        byte[] octets = Encoding.ASCII.GetBytes(input);
        byte[] left = [];
        for (int at = 0; at < octets.Length; at += readSize)
        {
            byte[] read = octets[at..Math.Min(at + readSize, octets.Length)];
            ReadOnlySequence<byte> buffer = Segments.Sequence(Encoding.ASCII.GetString(left), Encoding.ASCII.GetString(read));
            left = session.Process(buffer).ToArray();
        }

        Assert.Empty(left);
        Assert.Equal(["NOOP", "refused: LineTooLong", "RCPT bob@example.com", "QUIT"], session.Seen);
    }

    /// <summary>The README's loop, which records what it sees.</summary>
    private sealed class CommandReader
    {
        private readonly byte[] _scratch = new byte[SmtpProtocol.LongestCommandLine];
        private bool _skipping;

        public List<string> Seen { get; } = [];

        public ReadOnlySequence<byte> Process(ReadOnlySequence<byte> buffer)
        {
            var reader = new SequenceReader<byte>(buffer);
            while (true)
            {
                if (_skipping)
                {
                    if (!LineFramer.SkipLine(ref reader))
                    {
                        break;
                    }

                    _skipping = false;
                }

                LineFrame frame = LineFramer.TryReadLine(ref reader, SmtpProtocol.LongestCommandLine, out ReadOnlySequence<byte> line);
                if (frame == LineFrame.Incomplete)
                {
                    break;
                }

                if (frame == LineFrame.TooLong)
                {
                    Seen.Add("refused: LineTooLong");
                    _skipping = true;
                    continue;
                }

                ReadOnlySpan<byte> span = line.IsSingleSegment ? line.FirstSpan : _scratch.AsSpan(0, (int)line.Length);
                if (!line.IsSingleSegment)
                {
                    line.CopyTo(_scratch);
                }

                CommandStatus status = SmtpProtocol.TryParseCommand(span, out SmtpProtocol.Command command);
                Seen.Add(status != CommandStatus.Ok ? "refused: " + status
                    : command.Verb == SmtpProtocol.Verb.Rcpt ? "RCPT " + Lines.Text(command.ForwardPath)
                    : SmtpProtocol.GetVerbName(command.Verb));
            }

            return buffer.Slice(reader.Position);
        }
    }
}
