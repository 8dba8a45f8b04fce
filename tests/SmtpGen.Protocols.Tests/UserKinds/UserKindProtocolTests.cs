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
}
