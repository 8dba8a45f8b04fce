using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

public class WordTests
{
    [Theory]
    [InlineData("PLAIN", "PLAIN")]
    [InlineData("PLAIN dGVzdA==", "PLAIN")]
    [InlineData("a!#$%&'*+-/=?^_`{|}~z", "a!#$%&'*+-/=?^_`{|}~z")]
    [InlineData("naïve rest", "naïve")]
    [InlineData("a.b", "a")]
    [InlineData("a@b", "a")]
    [InlineData("\"a\"", null)]
    [InlineData("", null)]
    [InlineData(" a", null)]
    [InlineData("(comment)", null)]
    [InlineData("\0", null)]
    public void Atom_scans_the_longest_run_of_atext(string input, string? atom)
    {
        Assert.Equal(atom, Consumed(Atom.TryScan, input));
    }

    [Fact]
    public void Atom_stops_at_ill_formed_UTF8()
    {
        Assert.Equal("ab", Scan(Atom.TryScan, Content(Octets("ab", [0xF8, 0x88, 0x80, 0x80, 0x80], "c"))));
        Assert.Equal("ab", Scan(Atom.TryScan, Content(Octets("ab", [0xF4, 0x90, 0x80, 0x80], "c"))));
    }

    [Theory]
    [InlineData("atom", "atom")]
    [InlineData("atom rest", "atom")]
    [InlineData("\"quoted string\" rest", "\"quoted string\"")]
    [InlineData("\"esc\\\"aped\"", "\"esc\\\"aped\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("\"unterminated", null)]
    [InlineData("\"bad\\", null)]
    [InlineData("\"ctl\u0007\"", null)]
    [InlineData("", null)]
    public void Word_scans_an_atom_or_a_quoted_string(string input, string? word)
    {
        Assert.Equal(word, Consumed(Word.TryScan, input));
    }

    [Theory]
    [InlineData("atom")]
    [InlineData("\"two words\"")]
    public void Word_write_round_trips(string word)
    {
        Assert.Equal(word, Scan(Word.TryScan, Content(Write(Word.Write, word))));
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("")]
    [InlineData("\"open")]
    [InlineData("x\r\nQUIT")]
    public void Word_write_refuses_what_is_not_a_word(string value)
    {
        Refuses(Word.Write, value, nameof(Word));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("x\r\n")]
    public void Atom_write_refuses_what_is_not_an_atom(string value)
    {
        Refuses(Atom.Write, value, nameof(Atom));
    }

    [Fact]
    public void Atom_write_round_trips()
    {
        Assert.Equal("naïve", Scan(Atom.TryScan, Content(Write(Atom.Write, "naïve"))));
    }
}
