using System.Text;

namespace SmtpGen.Server.Tests;

/// <summary>Message data (RFC 5321 §4.5.2): dot-unstuffing, CRLF.CRLF as the only end, size and line limits.</summary>
public class DataTests
{
    [Fact]
    public async Task Dots_the_client_added_are_removed_and_the_message_is_stored_octet_for_octet()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        await client.SendAsync("..\r\n...leading dots\r\n.\t.\r\n\r\n");
        Assert.StartsWith("250 ", await client.CommandAsync("."));

        Assert.Equal(".\r\n..leading dots\r\n\t.\r\n\r\n", Encoding.Latin1.GetString(ServerTrace.Remove(server.Memory.Messages.Single().Data)));
    }

    [Fact]
    public async Task An_empty_message_is_stored_empty()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        Assert.StartsWith("250 ", await client.CommandAsync("."));
        Assert.Empty(ServerTrace.Remove(server.Memory.Messages.Single().Data));
    }

    [Fact]
    public async Task A_message_that_arrives_one_octet_at_a_time_is_stored_whole()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        foreach (char octet in "..x\r\ny\r\n.\r\n")
        {
            await client.SendAsync(octet.ToString());
        }

        Assert.StartsWith("250 ", await client.ReadReplyAsync());
        Assert.Equal(".x\r\ny\r\n", Encoding.Latin1.GetString(ServerTrace.Remove(server.Memory.Messages.Single().Data)));
    }

    // SMTP smuggling: a second message hidden behind an end of data that only a lenient server accepts.
    [Theory]
    [InlineData("\n.\n")]
    [InlineData("\n.\r\n")]
    [InlineData("\r\n.\n")]
    [InlineData("\r.\r")]
    public async Task A_bare_line_ending_never_ends_the_data_and_by_default_the_message_is_refused(string fakeEnd)
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        await client.SendAsync($"Subject: first\r\n\r\nbody{fakeEnd}MAIL FROM:<evil@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nSubject: smuggled\r\n");

        Assert.Equal("554 5.6.0 Message refused: bare CR or LF in the data, lines end with CRLF", await client.CommandAsync("."));
        Assert.Empty(server.Memory.Messages);
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task In_normalize_mode_bare_line_endings_become_CRLF_and_the_smuggled_part_stays_inside_the_message()
    {
        await using TestServer server = TestServer.Start(options => options.BareLineEndings = BareLineEndingHandling.Normalize);
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        await client.SendAsync("body\n.\nMAIL FROM:<evil@example.com>\r\n");

        Assert.StartsWith("250 ", await client.CommandAsync("."));
        Assert.Equal("body\r\n.\r\nMAIL FROM:<evil@example.com>\r\n", Encoding.Latin1.GetString(ServerTrace.Remove(server.Memory.Messages.Single().Data)));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_read_to_its_end_refused_with_552_and_not_stored()
    {
        await using TestServer server = TestServer.Start(options => options.MaxMessageSize = 100);
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        await client.SendAsync(string.Concat(Enumerable.Repeat("0123456789\r\n", 20)));

        Assert.Equal("552 5.3.4 Message size exceeds fixed maximum message size", await client.CommandAsync("."));
        Assert.Empty(server.Memory.Messages);
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_message_of_exactly_the_size_limit_is_stored()
    {
        await using TestServer server = TestServer.Start(options => options.MaxMessageSize = 12);
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        Assert.StartsWith("250 ", await client.CommandAsync("0123456789\r\n."));
        Assert.Single(server.Memory.Messages);
    }

    [Fact]
    public async Task A_declared_SIZE_over_the_limit_is_refused_at_MAIL()
    {
        await using TestServer server = TestServer.Start(options => options.MaxMessageSize = 100);
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        Assert.Equal("552 5.3.4 Message size exceeds fixed maximum message size", await client.CommandAsync("MAIL FROM:<a@example.com> SIZE=101"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com> SIZE=100 BODY=8BITMIME"));
    }

    [Theory]
    [InlineData("SIZE=99999999999999999999", "552 5.3.4 Message size exceeds fixed maximum message size")]
    [InlineData("SIZE=123456789012345678901", "501 5.5.4 SIZE parameter malformed")]
    [InlineData("SIZE=12k", "501 5.5.4 SIZE parameter malformed")]
    [InlineData("SIZE=", "501 5.5.4 Syntax error in parameters or arguments")]
    public async Task A_SIZE_of_up_to_20_digits_is_read_and_a_malformed_one_is_a_syntax_error(string parameter, string reply)
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        Assert.Equal(reply, await client.CommandAsync($"MAIL FROM:<a@example.com> {parameter}"));
    }

    [Fact]
    public async Task Extension_parameters_after_HELO_are_not_recognized()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("HELO c.example.com");
        // RFC 1869: extensions, and their parameters, are for a client that said EHLO; the first is named.
        Assert.Equal("555 SIZE parameter not recognized or not implemented", await client.CommandAsync("MAIL FROM:<a@example.com> SIZE=5 BODY=8BITMIME"));
        Assert.Equal("250 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("555 NOTIFY parameter not recognized or not implemented", await client.CommandAsync("RCPT TO:<b@example.com> NOTIFY=NEVER"));
        // A keyword longer than a reply names (64 octets) gets RFC 5321's text; the session goes on.
        Assert.Equal("555 MAIL FROM/RCPT TO parameters not recognized or not implemented", await client.CommandAsync("RCPT TO:<b@example.com> X" + new string('A', 469)));
        Assert.Equal("250 OK", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_text_line_over_1000_octets_gets_554_and_the_message_is_not_stored()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        await client.SendAsync(new string('x', 999) + "\r\n");
        Assert.Equal("554 5.6.0 Message refused: text line too long", await client.CommandAsync("."));
        Assert.Empty(server.Memory.Messages);
    }

    // RFC 5321 §4.5.3.1.6: 1000 octets with the CRLF, the dot added for transparency not counted.
    [Theory]
    [InlineData(1000, "250 2.0.0 OK: queued as 1")]
    [InlineData(1001, "554 5.6.0 Message refused: text line too long")]
    public async Task A_text_line_that_starts_with_a_dot_is_measured_without_the_dot_added_for_transparency(int lineLength, string reply)
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        string text = "." + new string('x', lineLength - 3) + "\r\n";
        await client.SendAsync("." + text);
        Assert.StartsWith(reply, await client.CommandAsync("."), StringComparison.Ordinal);
        Assert.Equal(lineLength <= 1000 ? [text] : [], server.Memory.Messages.Select(message => Encoding.Latin1.GetString(ServerTrace.Remove(message.Data))));
    }

    [Fact]
    public async Task Data_of_several_megabytes_is_stored_octet_for_octet()
    {
        await using TestServer server = TestServer.Start(options => options.MaxMessageSize = 8 * 1024 * 1024);
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        var message = new StringBuilder();
        for (int line = 0; message.Length < 5 * 1024 * 1024; line++)
        {
            message.Append(line % 7 == 0 ? "." : "").Append("line ").Append(line).Append(' ', line % 80).Append("\r\n");
        }

        string data = message.ToString();
        await client.SendAsync(data.Replace("\r\n.", "\r\n..", StringComparison.Ordinal).Insert(0, data.StartsWith('.') ? "." : ""));
        Assert.StartsWith("250 ", await client.CommandAsync("."));
        Assert.Equal(data, Encoding.Latin1.GetString(ServerTrace.Remove(server.Memory.Messages.Single().Data)));
    }
}
