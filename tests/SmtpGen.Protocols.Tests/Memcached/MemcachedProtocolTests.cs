using System.Buffers;
using CsCheck;

namespace SmtpGen.Protocols.Tests.Memcached;

/// <summary>
/// A repeated capture, <c>get {keys:Printable...}</c>: one or more keys separated by single spaces, parsed into a
/// list that enumerates without allocating, written back by the same writer that writes any capture, and made from
/// text with <c>TryCreate</c>. Replies that start with a status word.
/// </summary>
public class MemcachedProtocolTests
{
    [Theory]
    [InlineData("get foo", new[] { "foo" })]
    [InlineData("get foo bar baz", new[] { "foo", "bar", "baz" })]
    [InlineData("GETS user:42 session:<abc>", new[] { "user:42", "session:<abc>" })]
    public void Get_takes_one_key_or_more(string line, string[] keys)
    {
        Assert.Equal(CommandStatus.Ok, MemcachedProtocol.TryParseCommand(Lines.Crlf(line), out MemcachedProtocol.Command command));
        Assert.Equal(keys, Texts(command.Keys));
        Assert.Equal(keys.Length, command.Keys.Count);
        Assert.Equal(string.Join(' ', keys), Lines.Text(command.Keys.Text));
    }

    [Fact]
    public void Gat_reads_its_expiry_then_the_keys()
    {
        Assert.Equal(CommandStatus.Ok, MemcachedProtocol.TryParseCommand(Lines.Crlf("gat 300 a b"), out MemcachedProtocol.Command command));
        Assert.Equal(MemcachedProtocol.Verb.Gat, command.Verb);
        Assert.Equal(300, command.Exptime);
        Assert.Equal(["a", "b"], Texts(command.Keys));
    }

    [Theory]
    [InlineData("get")]
    [InlineData("get ")]
    [InlineData("get  foo")]
    [InlineData("get foo  bar")]
    [InlineData("get foo ")]
    [InlineData("get foo\tbar")]
    [InlineData("gat 300")]
    [InlineData("gat foo bar")]
    public void A_list_without_a_key_or_with_other_separators_is_a_syntax_error(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, MemcachedProtocol.TryParseCommand(Lines.Crlf(line), out _));
    }

    [Theory]
    [InlineData("get a")]
    [InlineData("get foo bar baz")]
    [InlineData("gat 0 k1 k2 k3")]
    public void A_parsed_list_is_written_back_octet_for_octet(string line)
    {
        byte[] sent = Lines.Crlf(line);
        Assert.Equal(CommandStatus.Ok, MemcachedProtocol.TryParseCommand(sent, out MemcachedProtocol.Command command));
        var output = new ArrayBufferWriter<byte>();
        if (command.Verb == MemcachedProtocol.Verb.Gat)
        {
            MemcachedProtocol.WriteGat(output, command.Exptime, command.Keys);
        }
        else
        {
            MemcachedProtocol.WriteGet(output, command.Keys);
        }

        Assert.Equal(sent, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Any_list_of_keys_round_trips_through_the_writer_and_the_parser()
    {
        // A key: 1 to 250 printable octets without SP (memcached's protocol.txt), as the Printable kind reads them.
        Gen<string> key = Gen.String[Gen.Char['!', '~'], 1, 250];
        key.Array[1, 8].Sample(keys =>
        {
            string text = string.Join(' ', keys);
            Assert.True(MemcachedProtocol.KeysList.TryCreate(Lines.Raw(text), out MemcachedProtocol.KeysList list));
            var output = new ArrayBufferWriter<byte>(); // CsCheck samples on several threads: one writer each
            MemcachedProtocol.WriteGet(output, list);
            Assert.Equal(CommandStatus.Ok, MemcachedProtocol.TryParseCommand(output.WrittenSpan, out MemcachedProtocol.Command command));
            Assert.Equal(keys, Texts(command.Keys));
        });
    }

    [Fact]
    public void A_list_made_from_text_is_checked_against_the_element_kind()
    {
        Assert.True(MemcachedProtocol.KeysList.TryCreate("alpha beta"u8, out MemcachedProtocol.KeysList keys));
        Assert.Equal(["alpha", "beta"], Texts(keys));
        var output = new ArrayBufferWriter<byte>();
        MemcachedProtocol.WriteGets(output, keys);
        Assert.Equal("gets alpha beta\r\n", Lines.Text(output.WrittenSpan));

        Assert.False(MemcachedProtocol.KeysList.TryCreate(""u8, out _));
        Assert.False(MemcachedProtocol.KeysList.TryCreate(" alpha"u8, out _));
        Assert.False(MemcachedProtocol.KeysList.TryCreate("alpha "u8, out _));
        Assert.False(MemcachedProtocol.KeysList.TryCreate("alpha  beta"u8, out _));
        Assert.False(MemcachedProtocol.KeysList.TryCreate("alpha\r\nbeta"u8, out _));
    }

    [Fact]
    public void Writing_an_empty_list_throws_and_writes_nothing()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => MemcachedProtocol.WriteGet(output, default));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void A_list_longer_than_a_command_line_is_refused_by_the_writer()
    {
        // 2048 octets, CRLF included: "get " and 2042 octets of keys fit, one more does not.
        string fits = string.Join(' ', Enumerable.Repeat(new string('k', 9), 205))[..2042];
        var output = new ArrayBufferWriter<byte>();
        Assert.True(MemcachedProtocol.KeysList.TryCreate(Lines.Raw(fits), out MemcachedProtocol.KeysList keys));
        MemcachedProtocol.WriteGet(output, keys);
        Assert.Equal(2048, output.WrittenCount);

        output.ResetWrittenCount();
        Assert.Throws<ArgumentException>(() =>
        {
            Assert.True(MemcachedProtocol.KeysList.TryCreate(Lines.Raw(fits + "k"), out MemcachedProtocol.KeysList longer));
            MemcachedProtocol.WriteGet(output, longer);
        });
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Parsing_a_list_and_enumerating_it_allocates_nothing()
    {
        byte[] line = Lines.Crlf("get user:1 user:2 user:3 user:4");
        int octets = 0;
        long allocated = Allocations.Measure(() =>
        {
            MemcachedProtocol.TryParseCommand(line, out MemcachedProtocol.Command command);
            foreach (ReadOnlySpan<byte> key in command.Keys)
            {
                octets += key.Length;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1001 * 24, octets);
    }

    [Theory]
    [InlineData("VALUE foo 0 3", ReplyOutcome.Positive)]
    [InlineData("END", ReplyOutcome.Positive)]
    [InlineData("NOT_FOUND", ReplyOutcome.Negative)]
    [InlineData("CLIENT_ERROR bad data chunk", ReplyOutcome.Negative)]
    public void Replies_start_with_a_status_word(string line, ReplyOutcome outcome)
    {
        Assert.Equal(ReplyStatus.Ok, MemcachedProtocol.TryParseReplyLine(Lines.Crlf(line), out StatusLine reply));
        Assert.Equal(outcome, reply.Outcome);
    }

    [Fact]
    public void A_value_line_is_written_with_its_arguments()
    {
        var output = new ArrayBufferWriter<byte>();
        MemcachedProtocol.WriteValueWithCasReply(output, "foo"u8, 5, 3, 42);
        Assert.Equal("VALUE foo 5 3 42\r\n", Lines.Text(output.WrittenSpan));
        Assert.Equal("END\r\n", Lines.Text(MemcachedProtocol.GetReplyBytes(MemcachedProtocol.Reply.End)));
    }

    private static string[] Texts(MemcachedProtocol.KeysList keys)
    {
        var texts = new List<string>();
        foreach (ReadOnlySpan<byte> key in keys)
        {
            texts.Add(Lines.Text(key));
        }

        return [.. texts];
    }
}
