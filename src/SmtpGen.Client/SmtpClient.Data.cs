using System.Buffers;
using System.Runtime.CompilerServices;
using SmtpGen.Smtp;

namespace SmtpGen.Client;

public sealed partial class SmtpClient
{
    /// <summary>
    /// Sends the message after 354 (RFC 5321 §4.5.2): dot-stuffed and ended with <c>CRLF . CRLF</c> by
    /// <see cref="MailDataEncoder"/>, in blocks of <see cref="DataBlockSize"/>, each bounded by the data block timeout.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
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

    /// <summary>
    /// The message in BDAT chunks (RFC 3030 §2) of at most one data block, the last marked LAST (an empty message is
    /// <c>BDAT 0 LAST</c>); each chunk's reply is read before the next goes. A refused chunk ends the transaction, and
    /// RSET follows it: "the resulting state from a failed BDAT command is indeterminate" (§2).
    /// </summary>
    /// <returns>The reply to the last chunk.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SmtpReply> SendChunksAsync(ReadOnlySequence<byte> message, CancellationToken cancellationToken)
    {
        ReadOnlySequence<byte> rest = message;
        while (true)
        {
            if (_channel.Replies.HasFollowing)
            {
                // Nothing may come after the reply to the last RCPT, or to a chunk, before the next BDAT: a reply there
                // would be taken for the chunk's (RFC 2920 §3.1), a refusal of the message read as its acceptance.
                throw new SmtpProtocolException(rest.Length == message.Length
                    ? "The server sent more after its reply to RCPT: its replies are out of step with the commands; nothing of the message was sent."
                    : "The server sent more after its reply to a BDAT chunk: its replies are out of step with the commands; the message was not finished.");
            }

            long size = Math.Min(DataBlockSize, rest.Length);
            bool last = size == rest.Length;
            // The line goes in front of its chunk, and both in one write.
            SmtpProtocol.WriteBdat(_channel.Data, size, last ? SmtpProtocol.LastValues.Last : default);
            int lineLength = _channel.Data.WrittenCount;
            foreach (ReadOnlyMemory<byte> segment in rest.Slice(0, size))
            {
                _channel.Data.Write(segment.Span);
            }

            await _channel.SendLineWithDataAsync(lineLength, _options.DataBlockTimeout, "BDAT", cancellationToken).ConfigureAwait(false);
            rest = rest.Slice(size);
            SmtpReply reply = await ReadReplyAsync(last ? _options.DataTerminationTimeout : _options.DataBlockTimeout, "BDAT", cancellationToken).ConfigureAwait(false);
            if (!reply.IsPositiveCompletion)
            {
                // §4.2: a refused chunk fails the transaction, and no more of it is sent.
                await ResetAfterRefusalAsync(cancellationToken).ConfigureAwait(false);
                return last ? reply : throw new SmtpCommandException("BDAT", reply);
            }

            if (last)
            {
                return reply;
            }
        }
    }
}
