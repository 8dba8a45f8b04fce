using System.Buffers;

namespace SmtpGen.Client;

public sealed partial class SmtpClient
{
    /// <summary>
    /// Sends the message after 354 (RFC 5321 §4.5.2): dot-stuffed and ended with <c>CRLF . CRLF</c> by
    /// <see cref="MailDataEncoder"/>, in blocks of <see cref="DataBlockSize"/>, each bounded by the data block timeout.
    /// </summary>
    private async ValueTask SendContentAsync(MailContent content, CancellationToken cancellationToken)
    {
        var encoder = new MailDataEncoder();
        if (content.Stream is { } stream)
        {
            byte[] block = ArrayPool<byte>.Shared.Rent(DataBlockSize);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(block.AsMemory(0, DataBlockSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    encoder.Encode(block.AsSpan(0, read), _channel.Data);
                    await _channel.SendDataAsync(_options.DataBlockTimeout, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }
        }
        else
        {
            foreach (ReadOnlyMemory<byte> segment in content.Octets)
            {
                for (int start = 0; start < segment.Length; start += DataBlockSize)
                {
                    encoder.Encode(segment.Span.Slice(start, Math.Min(DataBlockSize, segment.Length - start)), _channel.Data);
                    if (_channel.Data.WrittenCount >= DataBlockSize)
                    {
                        await _channel.SendDataAsync(_options.DataBlockTimeout, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        encoder.Complete(_channel.Data);
        await _channel.SendDataAsync(_options.DataBlockTimeout, cancellationToken).ConfigureAwait(false);
    }
}
