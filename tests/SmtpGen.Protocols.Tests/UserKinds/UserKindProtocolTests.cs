namespace SmtpGen.Protocols.Tests.UserKinds;

/// <summary>A parsed command keeps where its captures lie in its line, so a user's kind must give slices of it.</summary>
public class UserKindProtocolTests
{
    [Fact]
    public void A_kind_that_gives_a_slice_of_the_line_is_read_back_from_the_line()
    {
        byte[] line = Lines.Crlf("SAY hello");

        Assert.Equal(CommandStatus.Ok, UserKindProtocol.TryParseCommand(line, out UserKindProtocol.Command command));
        Assert.Equal("hello", Lines.Text(command.Word));
    }

    [Fact]
    public void A_kind_that_gives_a_value_from_elsewhere_is_refused_with_an_exception_that_says_why()
    {
        byte[] line = Lines.Crlf("CAN hello");

        ArgumentException refused = Assert.Throws<ArgumentException>(() => UserKindProtocol.TryParseCommand(line, out _));
        Assert.Contains("not a slice of the line", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_whose_writer_takes_a_name_is_given_the_generated_writers_parameter()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        ArgumentException refused = Assert.Throws<ArgumentException>(() => UserKindProtocol.WriteLabel(output, "two words"u8));

        Assert.Equal("label", refused.ParamName);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void A_kind_whose_writer_takes_no_name_is_called_as_before_and_names_its_own_parameter()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        ArgumentException refused = Assert.Throws<ArgumentException>(() => UserKindProtocol.WriteSay(output, "two words"u8));

        Assert.Equal("value", refused.ParamName);
        UserKindProtocol.WriteSay(output, "hello"u8);
        Assert.Equal("SAY hello\r\n", Lines.Text(output.WrittenSpan));
    }
}
