using System.Buffers;
using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

public class PrintableTests
{
    [Theory]
    [InlineData("bob@example.com", "bob@example.com")]
    [InlineData("john.doe rest", "john.doe")]
    [InlineData("<1896.697170952@dbc.mtview.ca.us>", "<1896.697170952@dbc.mtview.ca.us>")]
    [InlineData("!\"#(),:;[\\]~", "!\"#(),:;[\\]~")]
    [InlineData("jürgen", "jürgen")]
    [InlineData("a\tb", "a")]
    [InlineData("", null)]
    [InlineData(" a", null)]
    [InlineData("\u007F", null)]
    public void Printable_scans_the_longest_run_of_vchar(string input, string? printable)
    {
        Assert.Equal(printable, Consumed(Printable.TryScan, input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("tab\there")]
    public void Printable_refuses_to_write_what_it_would_not_scan(string value)
    {
        Assert.Throws<ArgumentException>(() => Printable.Write(new ArrayBufferWriter<byte>(), System.Text.Encoding.UTF8.GetBytes(value)));
    }
}
