using System.Text.Json;

namespace SmtpGen.Server.Tests;

/// <summary>DSN (RFC 3461) on the server: MAIL's RET and ENVID and RCPT's NOTIFY and ORCPT, checked and kept with the message.</summary>
public sealed class DsnTests : IDisposable
{
    private readonly string _maildir = Directory.CreateTempSubdirectory("smtpgen-dsn-").FullName;

    public void Dispose() => Directory.Delete(_maildir, recursive: true);

    [Fact]
    public async Task The_requests_go_into_the_envelope_and_its_json()
    {
        await using var server = TestServer.Start(store: new MaildirMessageStore(_maildir));
        await using RawClient client = await ReadyAsync(server);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com> RET=hdrs ENVID=QQ+2B314159"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com> NOTIFY=success,FAILURE ORCPT=rfc822;bob+40example.com"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<carol@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Hi\r\n."));

        using JsonDocument json = JsonDocument.Parse(await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(Path.Combine(_maildir, "envelope")))));
        JsonElement dsn = json.RootElement.GetProperty("dsn");
        Assert.Equal("HDRS", dsn.GetProperty("ret").GetString());
        Assert.Equal("QQ+314159", dsn.GetProperty("envid").GetString());
        JsonElement[] recipients = [.. dsn.GetProperty("rcptTo").EnumerateArray()];
        Assert.Equal(("bob@example.com", "SUCCESS,FAILURE", "rfc822;bob@example.com"), (recipients[0].GetProperty("to").GetString(), recipients[0].GetProperty("notify").GetString(), recipients[0].GetProperty("orcpt").GetString()));
        Assert.Equal("carol@example.com", recipients[1].GetProperty("to").GetString());
        Assert.False(recipients[1].TryGetProperty("notify", out _));
    }

    [Fact]
    public async Task RCPT_with_the_longest_NOTIFY_and_ORCPT_that_RFC_3461_names_is_taken_beyond_512_octets()
    {
        // §5.4: NOTIFY of 28 characters and ORCPT of 500 make RCPT's line longer than RFC 5321's 512.
        string original = "rfc822;" + new string('o', 500 - "ORCPT=rfc822;".Length - "@example.com".Length) + "@example.com";
        string line = $"RCPT TO:<bob@example.com> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT={original}";
        Assert.True(line.Length + 2 > 512, line.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var server = TestServer.Start();
        await using RawClient client = await ReadyAsync(server);

        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        Assert.StartsWith("250 ", await client.CommandAsync(line));
        Assert.StartsWith("500 ", await client.CommandAsync("NOOP " + new string('n', 520)));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Hi\r\n."));

        DeliveryStatusRequest dsn = server.Memory.Messages.Single().Envelope.DeliveryStatus!;
        Assert.Equal(original, dsn.Recipients[0].OriginalRecipient);
    }

    [Fact]
    public async Task A_transaction_without_requests_has_none()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await ReadyAsync(server);
        await client.CommandAsync("MAIL FROM:<alice@example.com>");
        await client.CommandAsync("RCPT TO:<bob@example.com>");
        await client.CommandAsync("DATA");
        await client.CommandAsync("Hi\r\n.");
        Assert.Null(server.Memory.Messages.Single().Envelope.DeliveryStatus);
    }

    [Theory]
    [InlineData("MAIL FROM:<alice@example.com> RET=ALL", "501 ")]
    [InlineData("MAIL FROM:<alice@example.com> ENVID=a+2", "501 ")]
    [InlineData("MAIL FROM:<alice@example.com> RET=FULL RET=HDRS", "501 ")]
    [InlineData("RCPT TO:<bob@example.com> NOTIFY=NEVER,SUCCESS", "501 ")]
    [InlineData("RCPT TO:<bob@example.com> NOTIFY=SUCCESS,SUCCESS", "501 ")]
    [InlineData("RCPT TO:<bob@example.com> NOTIFY=SOMETIMES", "501 ")]
    [InlineData("RCPT TO:<bob@example.com> ORCPT=bob@example.com", "501 ")]
    [InlineData("MAIL FROM:<alice@example.com> ENVID=a+0D+0Ab", "501 ")]
    [InlineData("RCPT TO:<bob@example.com> ORCPT=rfc822;bob+0A@example.com", "501 ")]
    [InlineData("RCPT TO:<bob@example.com> XFOO=1", "555 ")]
    [InlineData("RCPT TO:<bob@example.com> NOTIFY=NEVER", "250 ")]
    public async Task A_malformed_request_is_refused_with_501_and_an_unknown_parameter_with_555(string line, string reply)
    {
        await using var server = TestServer.Start();
        await using RawClient client = await ReadyAsync(server);
        if (line.StartsWith("RCPT", StringComparison.Ordinal))
        {
            Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        }

        Assert.StartsWith(reply, await client.CommandAsync(line));
    }

    [Fact]
    public async Task An_envelope_id_longer_than_100_characters_is_refused()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await ReadyAsync(server);
        Assert.StartsWith("501 ", await client.CommandAsync("MAIL FROM:<alice@example.com> ENVID=" + new string('x', 101)));
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com> ENVID=" + new string('x', 100)));
    }

    [Fact]
    public async Task Without_dsn_offered_its_parameters_are_unknown()
    {
        await using var server = TestServer.Start(options => options.Extensions = options.Extensions.Without(Smtp.SmtpProtocol.Extension.Dsn));
        await using RawClient client = await ReadyAsync(server, dsn: false);
        Assert.StartsWith("555 ", await client.CommandAsync("MAIL FROM:<alice@example.com> RET=FULL"));
        await client.CommandAsync("MAIL FROM:<alice@example.com>");
        Assert.StartsWith("555 ", await client.CommandAsync("RCPT TO:<bob@example.com> NOTIFY=NEVER"));
    }

    private static async Task<RawClient> ReadyAsync(TestServer server, bool dsn = true)
    {
        RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.Equal(dsn, (await client.CommandAsync("EHLO client.example.com")).Contains("DSN", StringComparison.Ordinal));
        return client;
    }
}
