using System.Text;
using CsCheck;
using SmtpGen.Captures;

namespace SmtpGen.Tests.Captures;

/// <summary>
/// The ASCII fast paths of domains and Dot-strings (one search over the whole value) against the general scanners
/// (element by element, UTF-8 included), which are the reference: the same input must give the same length.
/// </summary>
public class AsciiFastPathTests
{
    /// <summary>Runs of what makes or breaks a label or an atom: letters, digits, hyphens, dots, atext, UTF-8, delimiters.</summary>
    private static readonly Gen<byte[]> Values =
        Gen.OneOfConst("a", "Z", "0", "9", "-", "--", ".", "..", "_", "+", "!", "@", ">", " ", "\"", "ü", "例", "\r", "\0", "abc", "mail")
            .Array[0, 40]
            .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));

    /// <summary>Domains around the 255-octet limit: labels of up to 63 letters, a flaw now and then.</summary>
    private static readonly Gen<byte[]> LongValues =
        Gen.OneOf(Gen.Int[1, 63].Select(n => new string('a', n) + "."), Gen.OneOfConst("-", "..", "ü", ">"))
            .Array[1, 12]
            .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts) + "com"));

    [Fact]
    public void A_domain_is_as_long_on_the_fast_path_as_label_by_label()
    {
        Gen.OneOf(Values, LongValues).Sample(value =>
        {
            int labels = Domain.Labels(value);
            Assert.Equal(labels <= Domain.MaxLength ? labels : 0, Domain.Scan(value));
        }, iter: 20_000);
    }

    [Fact]
    public void A_dot_string_is_as_long_on_the_fast_path_as_atom_by_atom()
    {
        Values.Sample(value => Assert.Equal(Mailbox.Atoms(value), Mailbox.DotString(value)), iter: 20_000);
    }

    [Theory]
    [InlineData("client.example.com", 18)]
    [InlineData("a-.b", 1)]
    [InlineData("ab--.c", 2)]
    [InlineData("a.b-c.d-", 7)]
    [InlineData("a.", 1)]
    [InlineData("a..b", 1)]
    [InlineData(".a", 0)]
    [InlineData("a.-b", 1)]
    [InlineData("a.bü.c", 7)]
    public void A_domain_ends_where_its_last_whole_label_does(string value, int length)
    {
        Assert.Equal(length, Domain.Scan(Encoding.UTF8.GetBytes(value)));
    }

    [Theory]
    [InlineData("alice", 5)]
    [InlineData("first.last", 10)]
    [InlineData("a..b", 1)]
    [InlineData("a.", 1)]
    [InlineData(".a", 0)]
    [InlineData("a.b@example", 3)]
    [InlineData("ü.a@x", 4)]
    public void A_dot_string_ends_before_an_empty_atom(string value, int length)
    {
        Assert.Equal(length, Mailbox.DotString(Encoding.UTF8.GetBytes(value)));
    }
}
