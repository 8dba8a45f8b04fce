using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

/// <summary>VRFY's and EXPN's argument: a word, or a mailbox as RFC 5321 §3.5.3 asks servers to take.</summary>
public class UserNameTests
{
    [Theory]
    [InlineData("bob@example.com", "bob@example.com")]
    [InlineData("bob.smith@example.com rest", "bob.smith@example.com")]
    [InlineData("\"Smith, John\"@example.com", "\"Smith, John\"@example.com")]
    [InlineData("Smith", "Smith")]
    [InlineData("\"Smith, John\"", "\"Smith, John\"")]
    [InlineData("bob@", "bob")]
    [InlineData("bob.smith", "bob")]
    [InlineData("", null)]
    public void UserName_scans_the_longer_of_a_mailbox_and_a_word(string input, string? name)
    {
        Assert.Equal(name, Consumed(UserName.TryScan, input));
    }

    [Fact]
    public void UserName_writes_a_word_or_a_mailbox_and_refuses_anything_else()
    {
        Assert.Equal("bob@example.com", Write(UserName.Write, "bob@example.com"));
        Assert.Equal("Smith", Write(UserName.Write, "Smith"));
        Refuses(UserName.Write, "two words", nameof(UserName));
        Refuses(UserName.Write, "bob@", nameof(UserName));
    }
}
