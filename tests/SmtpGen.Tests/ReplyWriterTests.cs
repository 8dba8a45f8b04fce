using System.Buffers;
using System.Text;

namespace SmtpGen.Tests;

public class ReplyWriterTests
{
    private static string Written(Action<ArrayBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Writes_a_last_line()
    {
        Assert.Equal("250 OK\r\n", Written(o => ReplyWriter.Write(o, new ReplyCode(250), "OK"u8)));
    }

    [Fact]
    public void Writes_a_line_more_lines_follow()
    {
        Assert.Equal("250-SIZE 35882577\r\n", Written(o => ReplyWriter.Write(o, new ReplyCode(250), "SIZE 35882577"u8, isLast: false)));
    }

    [Fact]
    public void Writes_an_enhanced_status_code()
    {
        Assert.Equal("550 5.1.1 User unknown\r\n", Written(o => ReplyWriter.Write(o, new ReplyCode(550), new EnhancedStatusCode(5, 1, 1), "User unknown"u8)));
        Assert.Equal("250-2.0.0 first\r\n", Written(o => ReplyWriter.Write(o, new ReplyCode(250), new EnhancedStatusCode(2, 0, 0), "first"u8, isLast: false)));
        Assert.Equal("250 OK\r\n", Written(o => ReplyWriter.Write(o, new ReplyCode(250), default(EnhancedStatusCode), "OK"u8)));
    }

    [Fact]
    public void What_is_written_parses_back()
    {
        var output = new ArrayBufferWriter<byte>();
        ReplyWriter.Write(output, new ReplyCode(451), new EnhancedStatusCode(4, 123, 999), "Try again\tlater"u8);
        var syntax = new ReplySyntax(512, true, false, MultilineReplies.CodeOnEveryLine);
        Assert.Equal(ReplyStatus.Ok, ReplyLine.TryParse(output.WrittenSpan, syntax, out ReplyLine reply));
        Assert.Equal(new ReplyCode(451), reply.Code);
        Assert.Equal(new EnhancedStatusCode(4, 123, 999), reply.EnhancedStatusCode);
        Assert.Equal("Try again\tlater", Encoding.ASCII.GetString(reply.Text));
    }

    [Theory]
    [InlineData("OK\r\n250 injected")]
    [InlineData("OK\n")]
    [InlineData("OK\r")]
    [InlineData("O\0K")]
    [InlineData("\u001b[2J")]
    public void Refuses_text_that_could_inject_a_line(string text)
    {
        var output = new ArrayBufferWriter<byte>();
        var error = Assert.Throws<ArgumentException>(() => ReplyWriter.Write(output, new ReplyCode(250), Encoding.ASCII.GetBytes(text)));
        Assert.Equal("text", error.ParamName);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Refuses_a_status_of_another_class()
    {
        var output = new ArrayBufferWriter<byte>();
        var error = Assert.Throws<ArgumentException>(() => ReplyWriter.Write(output, new ReplyCode(250), new EnhancedStatusCode(5, 0, 0), "OK"u8));
        Assert.Equal("status", error.ParamName);
    }

    [Fact]
    public void Refuses_a_default_code()
    {
        Assert.Throws<ArgumentException>(() => ReplyWriter.Write(new ArrayBufferWriter<byte>(), default, "OK"u8));
    }

    [Fact]
    public void Writing_does_not_allocate()
    {
        var output = new ArrayBufferWriter<byte>(256);
        var code = new ReplyCode(550);
        var status = new EnhancedStatusCode(5, 1, 1);
        long allocated = Allocations.Measure(() =>
        {
            output.ResetWrittenCount();
            ReplyWriter.Write(output, code, status, "User unknown"u8);
        });
        Assert.Equal(0, allocated);
    }
}
