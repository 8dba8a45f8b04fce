namespace SmtpGen.Server;

/// <summary>
/// Writes one message into a Maildir's <c>tmp/</c> and moves it into <c>new/</c> on commit. Each file it writes in
/// <c>tmp/</c> stays open until it has left <c>tmp/</c>, and the open file's lock tells <see cref="MaildirRecovery"/>
/// that it is not a crash's leftover.
/// </summary>
internal sealed class MaildirMessageWriter : IMessageWriter
{
    private readonly string _temporaryPath;
    private readonly string _temporaryEnvelopePath;
    private readonly string _newPath;
    private readonly string _envelopePath;
    private readonly Action<Stream> _writeEnvelope;
    private readonly FileStream _file;
    private bool _envelopeMoved;
    private bool _committed;

    public MaildirMessageWriter(string maildir, string name, MessageEnvelope envelope)
        : this(maildir, name, file => EnvelopeJson.Write(file, envelope))
    {
    }

    /// <summary>A writer whose envelope file is what <paramref name="writeEnvelope"/> writes (a message delivered from elsewhere).</summary>
    public MaildirMessageWriter(string maildir, string name, Action<Stream> writeEnvelope)
    {
        Id = name;
        _temporaryPath = Path.Combine(maildir, "tmp", name);
        _temporaryEnvelopePath = _temporaryPath + ".envelope";
        _newPath = Path.Combine(maildir, "new", name);
        _envelopePath = Path.Combine(maildir, "envelope", name + ".json");
        _writeEnvelope = writeEnvelope;
        _file = OwnerOnly.CreateFile(_temporaryPath, bufferSize: 0, FileOptions.Asynchronous);
    }

    /// <summary>The message's file name, in <c>tmp/</c> and then in <c>new/</c>.</summary>
    public string Id { get; }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _file.WriteAsync(data, cancellationToken);

    /// <remarks>
    /// The token is looked at before the commit begins (a stop's grace period that is over gives the message up, with
    /// nothing in <c>new/</c>); once the renames have begun they go to their end, since a commit cut between them would
    /// leave an envelope for a message that is not there.
    /// </remarks>
    public async ValueTask<string> CommitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _file.Flush(flushToDisk: true);

        // The envelope first: a message that appears in new/ always has its envelope beside it. Each rename is
        // made durable by flushing its directory before the 250 (the file's own fsync does not cover it).
        await using (FileStream envelope = OwnerOnly.CreateFile(_temporaryEnvelopePath, bufferSize: 4096, FileOptions.None))
        {
            _writeEnvelope(envelope);
            envelope.Flush(flushToDisk: true);
            File.Move(_temporaryEnvelopePath, _envelopePath);
            _envelopeMoved = true;
        }

        DirectorySync.Flush(Path.GetDirectoryName(_envelopePath)!);
        File.Move(_temporaryPath, _newPath);
        _committed = true;
        await _file.DisposeAsync().ConfigureAwait(false);
        DirectorySync.Flush(Path.GetDirectoryName(_newPath)!);
        return _newPath;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed)
            {
                // The envelope before the message, which is still held: a crash in between leaves the message in tmp/,
                // and recovery removes it with whatever envelope is left.
                File.Delete(_envelopeMoved ? _envelopePath : _temporaryEnvelopePath);
                File.Delete(_temporaryPath);
            }
        }
        finally
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }
}
