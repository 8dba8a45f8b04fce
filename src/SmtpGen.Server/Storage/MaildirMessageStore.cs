using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SmtpGen.Server;

/// <summary>
/// Stores each message as a file in a Maildir (<c>tmp/</c>, <c>new/</c>, <c>cur/</c>): written to
/// <c>tmp/</c>, flushed to disk, then renamed into <c>new/</c>, so a message is in <c>new/</c> whole or not
/// at all. The message file holds the octets exactly as received; the envelope is kept beside it in
/// <c>envelope/{name}.json</c>, which is in place before the message appears in <c>new/</c>. Opening the store
/// removes what a crash left of messages never acknowledged: their files in <c>tmp/</c> and an envelope whose
/// message never reached <c>new/</c>.
/// </summary>
public sealed class MaildirMessageStore : IMessageStore
{
    private static readonly string HostName = MakeSafe(Environment.MachineName);
    private long _sequence;

    /// <summary>
    /// Opens a Maildir, creating its folders when they are missing (on Unix for the owner alone, 0700, as each message file
    /// is 0600), checks that messages can be written in <c>tmp/</c> and renamed into <c>new/</c> and <c>envelope/</c> (one
    /// file system), and removes what a crash left of messages never acknowledged (files in <c>tmp/</c> that no writer
    /// holds, with their envelopes); messages in <c>new/</c> and <c>cur/</c>, their envelopes, and the files of messages
    /// being received by another store are left alone.
    /// </summary>
    /// <param name="directory">The Maildir's folder.</param>
    /// <param name="loggerFactory">Where to log the files removed; nowhere when null.</param>
    /// <exception cref="IOException">
    /// The Maildir cannot be used: a folder cannot be made, <c>tmp/</c> cannot be written, or a file cannot be renamed from it
    /// into <c>new/</c> or <c>envelope/</c> (not writable, or on another file system). The message is one line naming the
    /// path and the reason.
    /// </exception>
    public MaildirMessageStore(string directory, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        MaildirCheck.Run(Directory);
        MaildirRecovery.Run(Directory, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MaildirMessageStore>());
    }

    /// <summary>The Maildir's folder.</summary>
    public string Directory { get; }

    /// <inheritdoc/>
    public ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return ValueTask.FromResult<IMessageWriter>(new MaildirMessageWriter(Directory, UniqueName(envelope.ReceivedAt), envelope));
    }

    /// <summary>
    /// Delivers a message another server received (the delivery side of a queue) under the id it already has, with the
    /// JSON of its envelope as that server wrote it; as durable as a message this store receives. Idempotent: a message
    /// whose id is already here (in <c>new/</c>, or read into <c>cur/</c>) is not written again, so a delivery redone
    /// after a crash leaves one copy.
    /// </summary>
    /// <param name="id">The message's id, its file name here: printable, without <c>/</c> or <c>:</c>.</param>
    /// <param name="envelopeJson">The envelope, as the Maildir store writes it (<c>envelope/ID.json</c>).</param>
    /// <param name="message">The message's octets.</param>
    /// <param name="cancellationToken">Cancels the writing; nothing is left then.</param>
    /// <returns>Whether the message was written; false when it was here already.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> cannot be a Maildir file name.</exception>
    public async ValueTask<bool> DeliverAsync(string id, ReadOnlyMemory<byte> envelopeJson, ReadOnlySequence<byte> message, CancellationToken cancellationToken)
    {
        if (!MessageId.IsValid(id) || id.IndexOfAny(['/', ':', '\\']) >= 0 || id[0] == '.')
        {
            throw new ArgumentException($"'{id}' cannot be the file name of a message in a Maildir.", nameof(id));
        }

        if (IsDelivered(id))
        {
            return false;
        }

        await using var writer = new MaildirMessageWriter(Directory, id, file => file.Write(envelopeJson.Span));
        foreach (ReadOnlyMemory<byte> segment in message)
        {
            await writer.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }

        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether the message <paramref name="id"/> is in <c>new/</c>, or in <c>cur/</c> under its name and its flags (<c>ID:2,S</c>).</summary>
    private bool IsDelivered(string id) =>
        File.Exists(Path.Combine(Directory, "new", id))
        || File.Exists(Path.Combine(Directory, "cur", id))
        || System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "cur"), id + ":*").Any();

    /// <summary>
    /// A Maildir file name, which is also the message's id: time, then microseconds, process and a counter, then the host (the
    /// Maildir convention).
    /// </summary>
    private string UniqueName(DateTimeOffset time) => string.Create(
        CultureInfo.InvariantCulture,
        $"{time.ToUnixTimeSeconds()}.M{time.Ticks / 10 % 1_000_000}P{Environment.ProcessId}Q{Interlocked.Increment(ref _sequence)}R{Stopwatch.GetTimestamp() % 1_000_000:x}.{HostName}");

    /// <summary>Replaces '/' and ':' in the host name, which Maildir file names may not hold.</summary>
    private static string MakeSafe(string name) => name.Replace("/", "\\057", StringComparison.Ordinal).Replace(":", "\\072", StringComparison.Ordinal);
}
