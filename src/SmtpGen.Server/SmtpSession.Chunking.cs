using System.Buffers;
using SmtpGen.Smtp;
using Verb = SmtpGen.Smtp.SmtpProtocol.Verb;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    /// <summary>Whether a BDAT transaction is under way (RFC 3030): its message is open, or refused, and DATA may not come.</summary>
    private bool _chunking;

    /// <summary>The size of the chunk being read, for its reply.</summary>
    private long _chunkSize;

    /// <summary>The octets of the chunk still to come.</summary>
    private long _chunkLeft;

    /// <summary>Whether the chunk being read is the last (LAST).</summary>
    private bool _lastChunk;

    /// <summary>The reply a chunk that is refused gets once its octets are read and dropped; null for a chunk of a transaction.</summary>
    private SmtpProtocol.Reply? _strayChunk;

    /// <summary>
    /// Whether a chunk failed and only BDAT lines came since: the chunks a pipelining client sent before it learnt of the
    /// failure, which RFC 3030 §4.2 asks a server to take and drop, are no errors of the client's.
    /// </summary>
    private bool _afterFailedChunk;

    /// <summary>
    /// BDAT (RFC 3030 §2): its octets are read whatever happens, since they follow the line whether or not the server
    /// takes them. A refused chunk (<paramref name="refusal"/>), or one out of a transaction (§4.2: a chunk a pipelining
    /// client sent before it learnt that an earlier one failed: 503), is dropped; the first chunk of a transaction opens
    /// the message.
    /// </summary>
    private Step Chunk(SmtpProtocol.Command command, SmtpProtocol.Reply? refusal)
    {
        (_chunkSize, _chunkLeft, _lastChunk) = (command.ChunkSize, command.ChunkSize, command.HasLast);
        _dataBuffer ??= SessionResources.RentDataBuffer();
        if (refusal is not null || (!_chunking && !IsAllowed(Verb.Bdat)))
        {
            _strayChunk = refusal ?? SmtpProtocol.Reply.BadSequence;
            _mode = Mode.Chunk;
            return Step.Continue;
        }

        if (_chunking)
        {
            _mode = Mode.Chunk;
            return Step.Continue;
        }

        _pending = Pending.BeginChunks;
        return Step.Await;
    }

    /// <summary>
    /// Why a BDAT line that parsed cannot be taken, before its state is looked at: a refused client (§3.1), CHUNKING not
    /// offered, a client that said HELO; null when it can.
    /// </summary>
    private SmtpProtocol.Reply? ChunkRefusal() =>
        _clientRefused ? SmtpProtocol.Reply.BadSequence
        : !SmtpProtocol.IsOffered(Verb.Bdat, Offered) ? SmtpProtocol.Reply.CommandNotImplemented
        : !Info.IsExtended ? SmtpProtocol.Reply.BadSequence
        : null;

    /// <summary>
    /// A BDAT line that does not parse (malformed, too long, badly ended): its chunk dropped and answered with
    /// <paramref name="refusal"/> when its size reads, else <paramref name="refusal"/>, 421 and the session's end.
    /// </summary>
    private Step DropChunk(ReadOnlySpan<byte> line, SmtpProtocol.Reply refusal)
    {
        if (!ChunkLines.TryReadSize(line, out long size))
        {
            Error(refusal);
            Close(SmtpProtocol.Reply.ServiceNotAvailable);
            return Step.Continue;
        }

        (_chunkSize, _chunkLeft, _lastChunk) = (size, size, false);
        _dataBuffer ??= SessionResources.RentDataBuffer();
        _strayChunk = refusal;
        _mode = Mode.Chunk;
        return Step.Continue;
    }

    /// <summary>The first chunk of a transaction: the message opens in the store (or its refusal is noted for the chunk's end).</summary>
    private async ValueTask BeginChunksAsync()
    {
        _chunking = true;
        await OpenMessageAsync().ConfigureAwait(false);
        _mode = Mode.Chunk;
    }

    /// <summary>Takes the next piece of the chunk's octets, as they are; the store gets it in <see cref="StoreChunkAsync"/>.</summary>
    private Step ProcessChunk(ref ReadOnlySequence<byte> buffer)
    {
        if (_chunkLeft > 0 && buffer.IsEmpty)
        {
            return Step.NeedMoreData;
        }

        int length = (int)Math.Min(Math.Min(_chunkLeft, buffer.FirstSpan.Length), _dataBuffer!.Length);
        buffer.FirstSpan[..length].CopyTo(_dataBuffer);
        buffer = buffer.Slice(length);
        _chunkLeft -= length;
        _dataReceived += length;
        _decoded = length;
        _pending = Pending.StoreChunk;
        return Step.Await;
    }

    /// <summary>Hands a piece of a chunk to the store and, at the chunk's end, answers it.</summary>
    private async ValueTask StoreChunkAsync()
    {
        if (_strayChunk is null)
        {
            await WriteMessageAsync().ConfigureAwait(false);
        }

        _decoded = 0;
        if (_chunkLeft > 0)
        {
            return;
        }

        _mode = Mode.Commands;
        if (_strayChunk is { } stray && _chunking)
        {
            // A BDAT line that did not parse, inside a transaction of chunks: its chunk is missing from the message, so
            // the transaction fails (RFC 3030 §2), as after a refused chunk; the chunks behind it are dropped with 503.
            _strayChunk = null;
            await AbortMessageAsync().ConfigureAwait(false);
            Error(stray);
            Advance(Verb.Bdat, SmtpProtocol.GetReplyCode(stray));
            ResetTransaction();
            _afterFailedChunk = true;
        }
        else if (_strayChunk is { } outside)
        {
            _strayChunk = null;
            if (_afterFailedChunk)
            {
                Refuse(outside);
            }
            else
            {
                Error(outside);
            }
        }
        else if (_lastChunk)
        {
            await EndMessageAsync(Verb.Bdat).ConfigureAwait(false);
        }
        else if (_dataRefusal is { } refusal)
        {
            // §4.2: a refused chunk fails the transaction; the client sends no more chunks of it.
            Refuse(Verb.Bdat, refusal);
            ResetTransaction();
            _afterFailedChunk = true;
        }
        else
        {
            SmtpProtocol.WriteChunkReceivedReply(_output, _chunkSize, enhancedStatusCode: Enhanced);
        }
    }
}
