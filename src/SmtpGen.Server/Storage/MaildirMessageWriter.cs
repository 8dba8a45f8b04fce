namespace SmtpGen.Server;

/// <summary>Writes one message into a Maildir's <c>tmp/</c> and moves it into <c>new/</c> on commit.</summary>
internal sealed class MaildirMessageWriter : IMessageWriter
{
    private readonly string _temporaryPath;
    private readonly string _temporaryEnvelopePath;
    private readonly string _newPath;
    private readonly string _envelopePath;
    private readonly MessageEnvelope _envelope;
    private readonly FileStream _file;
    private bool _envelopeMoved;
    private bool _committed;

    public MaildirMessageWriter(string maildir, string name, MessageEnvelope envelope)
    {
        _temporaryPath = Path.Combine(maildir, "tmp", name);
        _temporaryEnvelopePath = _temporaryPath + ".envelope";
        _newPath = Path.Combine(maildir, "new", name);
        _envelopePath = Path.Combine(maildir, "envelope", name + ".json");
        _envelope = envelope;
        _file = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _file.WriteAsync(data, cancellationToken);

    public async ValueTask<string> CommitAsync(CancellationToken cancellationToken)
    {
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync().ConfigureAwait(false);

        await using (var envelope = new FileStream(_temporaryEnvelopePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096))
        {
            EnvelopeJson.Write(envelope, _envelope);
            envelope.Flush(flushToDisk: true);
        }

        // The envelope first: a message that appears in new/ always has its envelope beside it. Each rename is
        // made durable by flushing its directory before the 250 (the file's own fsync does not cover it).
        File.Move(_temporaryEnvelopePath, _envelopePath);
        _envelopeMoved = true;
        DirectorySync.Flush(Path.GetDirectoryName(_envelopePath)!);
        File.Move(_temporaryPath, _newPath);
        _committed = true;
        DirectorySync.Flush(Path.GetDirectoryName(_newPath)!);
        return _newPath;
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
        {
            File.Delete(_temporaryPath);
            File.Delete(_envelopeMoved ? _envelopePath : _temporaryEnvelopePath);
        }
    }
}
