using System.Buffers;
using SmtpGen.Smtp;

namespace SmtpGen.Benchmarks.Peers;

/// <summary>
/// The client side of an SMTP exchange with the generated code, over a <see cref="Stream"/>, doing the work MailKit's
/// client does for the same exchange: write the command with the generated writer, read from the stream into a buffer,
/// find each line's CRLF (<see cref="LineFramer"/>) and parse the reply, a line at a time, with the generated
/// <see cref="ReplyAccumulator"/>. It does not interpret the EHLO keywords, which MailKit turns into capability flags.
/// </summary>
public sealed class GeneratedClientExchange(ScriptedServerStream stream)
{
    private readonly byte[] _input = new byte[4096];
    private readonly ArrayBufferWriter<byte> _output = new(SmtpProtocol.MaxCommandLine);
    private int _start;
    private int _end;

    /// <summary>A new session: the greeting, EHLO and its reply. Returns the codes and line counts.</summary>
    public int Connect()
    {
        stream.Reset();
        _start = 0;
        _end = 0;
        int sum = ReadReply();
        _output.ResetWrittenCount();
        SmtpProtocol.WriteEhlo(_output, "client.example.com"u8);
        stream.Write(_output.WrittenSpan);
        return sum + ReadReply();
    }

    /// <summary>NOOP and its one-line reply, in a session already open.</summary>
    public int Noop()
    {
        _output.ResetWrittenCount();
        SmtpProtocol.WriteNoop(_output);
        stream.Write(_output.WrittenSpan);
        return ReadReply();
    }

    private int ReadReply()
    {
        ReplyAccumulator reply = SmtpProtocol.CreateReplyAccumulator();
        int text = 0;
        while (true)
        {
            ReadOnlySpan<byte> unread = _input.AsSpan(_start, _end - _start);
            switch (LineFramer.TryFindLine(unread, SmtpProtocol.ReplySyntax.MaxLineLength, out int length))
            {
                case LineFrame.Complete:
                    if (reply.Add(unread[..length], out ReplyLine line) != ReplyStatus.Ok)
                    {
                        throw new InvalidOperationException("The server's reply does not parse.");
                    }

                    _start += length;
                    text += line.Text.Length;
                    if (reply.IsComplete)
                    {
                        return reply.Code.Value + reply.LineCount + text;
                    }

                    continue;
                case LineFrame.TooLong:
                    throw new InvalidOperationException("The server's reply line is too long.");
            }

            unread.CopyTo(_input);
            _end -= _start;
            _start = 0;
            _end += stream.Read(_input.AsSpan(_end));
        }
    }
}
