namespace SmtpGen.Server.Tests.Pop3;

/// <summary>Reads CRLF-ended lines from a stream into one buffer; a line longer than the buffer ends the reading.</summary>
internal sealed class LineReader(Stream stream, int maxLine)
{
    private readonly byte[] _buffer = new byte[maxLine];
    private int _start;
    private int _end;

    /// <summary>The next line, CRLF included; null at the end of the stream or for a line too long.</summary>
    public async Task<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = new ReadOnlyMemory<byte>(_buffer, _start, newline + 1 - _start);
                _start = newline + 1;
                return line;
            }

            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                return null;
            }

            int read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }
}
