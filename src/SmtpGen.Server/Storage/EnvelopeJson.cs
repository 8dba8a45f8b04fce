using System.Text.Json;

namespace SmtpGen.Server;

/// <summary>Writes a <see cref="MessageEnvelope"/> as the JSON a Maildir message keeps beside it (and a JetStream message carries).</summary>
internal static class EnvelopeJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static void Write(Stream stream, MessageEnvelope envelope)
    {
        using var json = new Utf8JsonWriter(stream, Options);
        Write(json, envelope);
    }

    public static void Write(System.Buffers.IBufferWriter<byte> output, MessageEnvelope envelope)
    {
        using var json = new Utf8JsonWriter(output, Options);
        Write(json, envelope);
    }

    private static void Write(Utf8JsonWriter json, MessageEnvelope envelope)
    {
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

        if (envelope.Body is { } body)
        {
            json.WriteString("body"u8, body);
        }

        if (envelope.SmtpUtf8)
        {
            // RFC 6531's parameter, named as the other properties are.
            json.WriteBoolean("smtpUtf8"u8, true);
        }

        if (envelope.DeliveryStatus is { } dsn)
        {
            WriteDeliveryStatus(json, dsn);
        }

        if (envelope.ExtensionParameters.Count > 0)
        {
            WriteExtensionParameters(json, envelope.ExtensionParameters);
        }

        json.WriteEndObject();
    }

    /// <summary>The parameters a command handler took: <c>"parameters": [{"to", "keyword", "value"}]</c>, <c>to</c> for a recipient's, <c>value</c> when given.</summary>
    private static void WriteExtensionParameters(Utf8JsonWriter json, IReadOnlyList<EnvelopeParameter> parameters)
    {
        json.WriteStartArray("parameters"u8);
        foreach (EnvelopeParameter parameter in parameters)
        {
            json.WriteStartObject();
            WriteIfGiven(json, "to"u8, parameter.Recipient);
            json.WriteString("keyword"u8, parameter.Keyword);
            WriteIfGiven(json, "value"u8, parameter.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>RFC 3461's requests: <c>"dsn": {"ret", "envid", "rcptTo": [{"to", "notify", "orcpt"}]}</c>, each only when given.</summary>
    private static void WriteDeliveryStatus(Utf8JsonWriter json, DeliveryStatusRequest dsn)
    {
        json.WriteStartObject("dsn"u8);
        WriteIfGiven(json, "ret"u8, dsn.Return);
        WriteIfGiven(json, "envid"u8, dsn.EnvelopeId);
        json.WriteStartArray("rcptTo"u8);
        foreach (RecipientNotification recipient in dsn.Recipients)
        {
            json.WriteStartObject();
            json.WriteString("to"u8, recipient.Recipient);
            WriteIfGiven(json, "notify"u8, recipient.Notify);
            WriteIfGiven(json, "orcpt"u8, recipient.OriginalRecipient);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIfGiven(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
