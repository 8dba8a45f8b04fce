using System.Buffers;

namespace SmtpGen.Server.Nats;

/// <summary>
/// One message of the stream as a <see cref="IDeliveryTarget"/> receives it: the id its 250 named, its envelope as the
/// front end wrote it (JSON, the Maildir store's <c>envelope/*.json</c>) with the sender and recipients read from it, and
/// its octets exactly as they were received.
/// </summary>
public sealed class QueuedMessage
{
    /// <summary>Reads the sender and the recipients from the envelope.</summary>
    /// <param name="id">The message's id.</param>
    /// <param name="envelopeJson">The envelope as JSON, with <c>mailFrom</c> and <c>rcptTo</c>.</param>
    /// <param name="octets">The message's octets.</param>
    /// <exception cref="FormatException">The envelope has no sender or no recipient.</exception>
    /// <exception cref="System.Text.Json.JsonException">The envelope is not JSON.</exception>
    public QueuedMessage(string id, ReadOnlyMemory<byte> envelopeJson, ReadOnlySequence<byte> octets)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        (Id, EnvelopeJson, Octets) = (id, envelopeJson, octets);
        (ReversePath, Recipients, SmtpUtf8) = QueuedEnvelope.Read(envelopeJson.Span);
    }

    /// <summary>The message's id: the one its 250 named, and the stream's deduplication id.</summary>
    public string Id { get; }

    /// <summary>The envelope as the front end wrote it.</summary>
    public ReadOnlyMemory<byte> EnvelopeJson { get; }

    /// <summary>MAIL FROM's mailbox; empty for the null reverse path.</summary>
    public string ReversePath { get; }

    /// <summary>The recipients the front end accepted, in order.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>
    /// Whether MAIL asked for UTF-8 (RFC 6531; <c>"smtpUtf8"</c> in the envelope): a delivery asks for it too, so that
    /// headers in UTF-8 go only where they are taken.
    /// </summary>
    public bool SmtpUtf8 { get; }

    /// <summary>The message's octets, headers and body, exactly as received.</summary>
    public ReadOnlySequence<byte> Octets { get; }
}
