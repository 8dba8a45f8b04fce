using System.Text;

namespace SmtpGen.Client;

/// <summary>
/// Writes the conversation as text, one line per line on the wire: <c>C: </c> before what the client sends
/// (commands and mail data), <c>S: </c> before what the server replies, e.g. for <c>smtpgen send -v</c>. Control
/// characters in a command or reply line are shown as <c>\xNN</c>: a server's octets do not reach the terminal as they are.
/// </summary>
/// <param name="writer">Where the text goes, e.g. <see cref="Console.Out"/>.</param>
public sealed class TextWriterTranscript(TextWriter writer) : ISmtpTranscript
{
    private readonly TextWriter _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    private readonly Decoder _dataDecoder = Encoding.UTF8.GetDecoder();
    private bool _dataLineStarted;

    /// <inheritdoc/>
    public void OnCommand(ReadOnlySpan<byte> line) => WriteLine("C: ", line);

    /// <inheritdoc/>
    public void OnReply(ReadOnlySpan<byte> line) => WriteLine("S: ", line);

    /// <inheritdoc/>
    public void OnData(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int lineFeed = data.IndexOf((byte)'\n');
            ReadOnlySpan<byte> piece = lineFeed < 0 ? data : data[..(lineFeed + 1)];
            if (!_dataLineStarted)
            {
                _writer.Write("C: ");
                _dataLineStarted = true;
            }

            bool endsLine = lineFeed >= 0;
            Span<char> text = new char[_dataDecoder.GetCharCount(piece, flush: endsLine)];
            int chars = _dataDecoder.GetChars(piece, text, flush: endsLine);
            _writer.Write(text[..chars].TrimEnd("\r\n"));
            if (endsLine)
            {
                _writer.WriteLine();
                _dataLineStarted = false;
            }

            data = data[piece.Length..];
        }
    }

    private void WriteLine(string prefix, ReadOnlySpan<byte> line)
    {
        _writer.Write(prefix);
        _writer.WriteLine(ShownLine.Of(line));
    }
}
