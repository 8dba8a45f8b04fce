using System.Buffers;
using System.Text.Json;

namespace SmtpGen.Server.Nats;

/// <summary>
/// Reads the sender and recipients of an envelope a front end wrote (<c>EnvelopeJson</c>), and writes it again for some of
/// its recipients only: the part of a message put back on the stream when the rest was delivered.
/// </summary>
internal static class QueuedEnvelope
{
    /// <summary>The sender, the recipients, and whether MAIL asked for UTF-8 (<c>"smtpUtf8": true</c>, RFC 6531).</summary>
    public static (string ReversePath, IReadOnlyList<string> Recipients, bool SmtpUtf8) Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? reversePath = null;
        List<string>? recipients = null;
        bool utf8 = false;
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("mailFrom"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                reversePath = reader.GetString();
            }
            else if (reader.ValueTextEquals("rcptTo"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                recipients = [];
                while (Next(ref reader) == JsonTokenType.String)
                {
                    recipients.Add(reader.GetString()!);
                }
            }
            else if (reader.ValueTextEquals("smtpUtf8"u8))
            {
                utf8 = Next(ref reader) == JsonTokenType.True;
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return reversePath is null || recipients is not { Count: > 0 }
            ? throw new FormatException("The envelope has no \"mailFrom\" or no \"rcptTo\".")
            : (reversePath, recipients, utf8);
    }

    /// <summary>
    /// The envelope with only <paramref name="recipients"/> in <c>rcptTo</c> and in the DSN requests' <c>rcptTo</c>, and
    /// only their parameters (and MAIL's) in <c>parameters</c>.
    /// </summary>
    public static void WriteFor(ReadOnlyMemory<byte> json, IReadOnlyCollection<string> recipients, IBufferWriter<byte> output)
    {
        using JsonDocument envelope = JsonDocument.Parse(json);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        WriteObjectFor(envelope.RootElement, recipients, writer);
    }

    private static void WriteObjectFor(JsonElement element, IReadOnlyCollection<string> recipients, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.NameEquals("rcptTo"u8))
            {
                writer.WriteStartArray(property.Name);
                foreach (JsonElement recipient in property.Value.EnumerateArray())
                {
                    // A plain address (the envelope's own list), or a DSN request {"to": ...} for one.
                    string? address = recipient.ValueKind == JsonValueKind.Object ? recipient.GetProperty("to"u8).GetString() : recipient.GetString();
                    if (address is not null && recipients.Contains(address))
                    {
                        recipient.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
            }
            else if (property.NameEquals("parameters"u8))
            {
                writer.WriteStartArray(property.Name);
                foreach (JsonElement parameter in property.Value.EnumerateArray())
                {
                    // MAIL's has no "to"; a recipient's goes with its recipient.
                    if (!parameter.TryGetProperty("to"u8, out JsonElement to) || recipients.Contains(to.GetString()!))
                    {
                        parameter.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
            }
            else if (property.NameEquals("dsn"u8))
            {
                writer.WritePropertyName(property.Name);
                WriteObjectFor(property.Value, recipients, writer);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new FormatException("The envelope ends early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw new FormatException($"The envelope has {reader.TokenType} where {type} belongs.");
        }
    }
}
