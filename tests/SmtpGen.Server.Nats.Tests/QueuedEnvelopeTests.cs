using System.Buffers;
using System.Text;

namespace SmtpGen.Server.Nats.Tests;

/// <summary>
/// The envelope a front end wrote, read back by the delivery side for its sender and recipients, and written again for
/// some recipients only when the rest were delivered.
/// </summary>
public sealed class QueuedEnvelopeTests
{
    private const string Envelope = """
        {
          "session": "s1",
          "client": "127.0.0.1:40000",
          "helo": "client.example.com",
          "mailFrom": "",
          "rcptTo": ["bob@example.com", "carol@example.com", "dave@example.com"],
          "receivedAt": "2026-11-30T12:00:00+00:00",
          "body": "8BITMIME",
          "dsn": {
            "envid": "e1",
            "rcptTo": [
              {"to": "bob@example.com", "notify": "FAILURE"},
              {"to": "dave@example.com", "orcpt": "rfc822;d@example.org"}
            ]
          },
          "parameters": [
            {"keyword": "MT-PRIORITY", "value": "3"},
            {"to": "bob@example.com", "keyword": "RRVS", "value": "2014-04-03T23:01:00Z"},
            {"to": "dave@example.com", "keyword": "XTRACE"}
          ]
        }
        """;

    [Fact]
    public void The_sender_and_the_recipients_are_read_from_the_envelope()
    {
        var message = new QueuedMessage("id1", Encoding.UTF8.GetBytes(Envelope), new ReadOnlySequence<byte>("x\r\n"u8.ToArray()));

        Assert.Equal("", message.ReversePath);
        Assert.Equal(["bob@example.com", "carol@example.com", "dave@example.com"], message.Recipients);
    }

    [Theory]
    [InlineData("""{"mailFrom": "a@example.com"}""")]
    [InlineData("""{"mailFrom": "a@example.com", "rcptTo": []}""")]
    [InlineData("""{"rcptTo": ["b@example.com"]}""")]
    [InlineData("""{"mailFrom": 1, "rcptTo": ["b@example.com"]}""")]
    [InlineData("""["a@example.com"]""")]
    public void An_envelope_without_a_sender_or_a_recipient_is_refused(string envelope)
    {
        Assert.Throws<FormatException>(() => new QueuedMessage("id1", Encoding.UTF8.GetBytes(envelope), default));
    }

    [Fact]
    public void An_envelope_that_is_not_json_is_refused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => new QueuedMessage("id1", "{\"mailFrom\": \"a"u8.ToArray(), default));
    }

    [Fact]
    public void Written_for_some_recipients_it_keeps_everything_else_and_their_dsn_requests_and_parameters_alone()
    {
        var output = new ArrayBufferWriter<byte>();
        QueuedEnvelope.WriteFor(Encoding.UTF8.GetBytes(Envelope), ["dave@example.com", "carol@example.com"], output);

        using var written = System.Text.Json.JsonDocument.Parse(output.WrittenMemory);
        using var original = System.Text.Json.JsonDocument.Parse(Envelope);
        System.Text.Json.JsonElement root = written.RootElement;
        Assert.Equal(["carol@example.com", "dave@example.com"], root.GetProperty("rcptTo").EnumerateArray().Select(e => e.GetString()));
        System.Text.Json.JsonElement dsn = root.GetProperty("dsn");
        Assert.Equal("e1", dsn.GetProperty("envid").GetString());
        System.Text.Json.JsonElement request = Assert.Single(dsn.GetProperty("rcptTo").EnumerateArray());
        Assert.Equal(["to", "orcpt"], request.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("dave@example.com", "rfc822;d@example.org"), (request.GetProperty("to").GetString(), request.GetProperty("orcpt").GetString()));
        Assert.Equal(["MT-PRIORITY", "XTRACE"], root.GetProperty("parameters").EnumerateArray().Select(e => e.GetProperty("keyword").GetString()));
        foreach (string name in (string[])["session", "client", "helo", "mailFrom", "receivedAt", "body"])
        {
            Assert.Equal(original.RootElement.GetProperty(name).GetString(), root.GetProperty(name).GetString());
        }

        Assert.Equal(["carol@example.com", "dave@example.com"], new QueuedMessage("id1-7", output.WrittenMemory, default).Recipients);
    }
}
