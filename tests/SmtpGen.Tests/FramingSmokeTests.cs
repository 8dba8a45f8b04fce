namespace SmtpGen.Tests;

public class CommandStatusTests
{
    [Fact]
    public void Ok_is_the_default_status()
    {
        Assert.Equal(CommandStatus.Ok, default(CommandStatus));
    }
}
