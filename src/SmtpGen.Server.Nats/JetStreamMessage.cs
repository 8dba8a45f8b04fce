using System.Buffers;
using System.Globalization;
using NATS.Client.Core;

namespace SmtpGen.Server.Nats;

/// <summary>
/// How one received message is laid out as one JetStream message: the header <c>Nats-Msg-Id</c> is the message's id
/// (JetStream's deduplication, and the id of the server's 250), <c>Smtp-Envelope-Length</c> the length of the envelope;
/// the payload is the envelope as JSON (the Maildir store's <c>envelope/*.json</c>), then the message's octets exactly as
/// they were received.
/// </summary>
public static class JetStreamMessage
{
    /// <summary>The header that gives the length of the envelope at the start of the payload.</summary>
    public const string EnvelopeLengthHeader = "Smtp-Envelope-Length";

    /// <summary>The headers of a message whose envelope takes <paramref name="envelopeLength"/> octets.</summary>
    /// <param name="envelopeLength">The envelope's length in the payload.</param>
    /// <returns>The headers to publish with (JetStream's <c>Nats-Msg-Id</c> is given by the publish's options).</returns>
    public static NatsHeaders Headers(int envelopeLength) =>
        new() { [EnvelopeLengthHeader] = envelopeLength.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Splits a JetStream message's payload into its envelope (JSON) and the message's octets.</summary>
    /// <param name="headers">The JetStream message's headers.</param>
    /// <param name="payload">Its payload.</param>
    /// <param name="envelope">The envelope as JSON.</param>
    /// <param name="message">The message's octets.</param>
    /// <returns>Whether the payload is laid out so.</returns>
    public static bool TrySplit(NatsHeaders? headers, ReadOnlySequence<byte> payload, out ReadOnlySequence<byte> envelope, out ReadOnlySequence<byte> message)
    {
        (envelope, message) = (default, default);
        if (headers is null
            || !headers.TryGetValue(EnvelopeLengthHeader, out var values)
            || !int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out int length)
            || length > payload.Length)
        {
            return false;
        }

        envelope = payload.Slice(0, length);
        message = payload.Slice(length);
        return true;
    }
}
