using System.Buffers;
using System.Text;
using SmtpGen.Client;
using SmtpGen.Smtp;

namespace SmtpGen.Cli;

/// <summary>
/// Shows a client's conversation under the seed's nine step headings: every line the client sends (C:) and
/// the server replies (S:). The step of a command comes from the generated SMTP parser; the mail data is
/// shown once its end is answered, split into headers, body and the closing dot.
/// </summary>
internal sealed class SeedStepsTranscript(TextWriter output) : ISmtpTranscript
{
    private readonly ArrayBufferWriter<byte> _data = new();
    private int _step;

    public void OnCommand(ReadOnlySpan<byte> line)
    {
        if (SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command) == CommandStatus.Ok)
        {
            switch (command.Verb)
            {
                case SmtpProtocol.Verb.Ehlo or SmtpProtocol.Verb.Helo:
                    Step(2, "Say Hello");
                    break;
                case SmtpProtocol.Verb.Mail:
                    Step(3, "Specify the Sender");
                    break;
                case SmtpProtocol.Verb.Rcpt:
                    Step(4, "Specify the Recipient");
                    break;
                case SmtpProtocol.Verb.Data:
                    Step(5, "Begin Message Content");
                    break;
                case SmtpProtocol.Verb.Quit:
                    Step(9, "Close the Connection");
                    break;
            }
        }

        Show("C: ", line);
    }

    public void OnReply(ReadOnlySpan<byte> line)
    {
        Step(1, "Connection Establishment");
        if (_data.WrittenCount > 0)
        {
            ShowData();
        }

        Show("S: ", line);
    }

    public void OnData(ReadOnlySpan<byte> data) => _data.Write(data);

    /// <summary>Shows the mail data as sent: the headers (step 6), the body after the blank line (step 7), the dot (step 8).</summary>
    private void ShowData()
    {
        ReadOnlySpan<byte> data = _data.WrittenSpan;
        Step(6, "Send Email Headers");
        while (!data.IsEmpty)
        {
            int end = data.IndexOf("\r\n"u8);
            ReadOnlySpan<byte> line = end < 0 ? data : data[..end];
            data = end < 0 ? default : data[(end + 2)..];
            if (line.IsEmpty && _step == 6)
            {
                Step(7, "Send Email Body");
            }
            else if (line.SequenceEqual("."u8) && data.IsEmpty)
            {
                Step(8, "End the Message");
            }

            Show("C: ", line);
        }

        _data.Clear();
    }

    private void Step(int step, string title)
    {
        if (step > _step)
        {
            _step = step;
            output.WriteLine();
            output.WriteLine($"Step {step}: {title}");
        }
    }

    private void Show(string who, ReadOnlySpan<byte> line)
    {
        output.Write("  ");
        output.Write(who);
        output.WriteLine(Encoding.UTF8.GetString(line.TrimEnd("\r\n"u8)));
    }
}
