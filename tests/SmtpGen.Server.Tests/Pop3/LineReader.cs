namespace SmtpGen.Server.Tests.Pop3;

/// <summary>Reads CRLF-ended lines from a stream into one buffer of the longest line allowed.</summary>
internal sealed class LineReader(Stream stream, int maxLine)
{
    private readonly byte[] _buffer = new byte[maxLine];
    private int _start;
    private int _end;

    /// <summary>How a read ended.</summary>
    public enum Ending
    {
        /// <summary>A line, CRLF included.</summary>
        Line,

        /// <summary>The stream ended.</summary>
        End,

        /// <summary>The buffer filled without a line ending: the line is longer than allowed.</summary>
        TooLong,
    }

    /// <summary>The next line, CRLF included, valid until the next call; or why there is none.</summary>
    public async Task<(ReadOnlyMemory<byte> Line, Ending Ending)> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = new ReadOnlyMemory<byte>(_buffer, _start, newline + 1 - _start);
                _start = newline + 1;
                return (line, Ending.Line);
            }

            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                return (default, Ending.TooLong);
            }

            int read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return (default, Ending.End);
            }

            _end += read;
        }
    }
}
