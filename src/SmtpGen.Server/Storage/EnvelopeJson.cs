using System.Text.Json;

namespace SmtpGen.Server;

/// <summary>Writes a <see cref="MessageEnvelope"/> as the JSON file a Maildir message keeps beside it.</summary>
internal static class EnvelopeJson
{
    public static void Write(Stream stream, MessageEnvelope envelope)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("session"u8, envelope.SessionId);
        json.WriteString("client"u8, envelope.ClientEndPoint?.ToString());
        json.WriteString("helo"u8, envelope.HeloName);
        json.WriteString("mailFrom"u8, envelope.ReversePath);
        json.WriteStartArray("rcptTo"u8);
        foreach (string recipient in envelope.Recipients)
        {
            json.WriteStringValue(recipient);
        }

        json.WriteEndArray();
        json.WriteString("receivedAt"u8, envelope.ReceivedAt);
        if (envelope.AuthenticatedUser is { } user)
        {
            json.WriteString("authenticatedUser"u8, user);
        }

        if (envelope.Submitter is { } submitter)
        {
            json.WriteString("auth"u8, submitter);
        }
        json.WriteEndObject();
    }
}
