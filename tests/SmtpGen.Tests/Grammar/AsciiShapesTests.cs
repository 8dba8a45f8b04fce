using System.Runtime.Intrinsics;
using System.Text;
using CsCheck;
using SmtpGen.Captures;
using SmtpGen.Grammar;

namespace SmtpGen.Tests.Grammar;

/// <summary>
/// The whole-value checks of the usual ASCII mailbox, domain and ESMTP parameters against the general scanners, which
/// are the reference: a value a check takes must be valid whole, and on the values of its shape (ASCII of its classes,
/// at most 64 octets, 63 for parameters) it must take every valid one, where the machine has vectors and is little-endian
/// (elsewhere the checks take nothing, and the scanners do all the work).
/// </summary>
public class AsciiShapesTests
{
    private static readonly bool Vectorised = Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian;

    /// <summary>What makes or breaks an atom or a label, with runs long enough to cross the 16-octet blocks.</summary>
    private static readonly Gen<string> Parts =
        Gen.OneOfConst("a", "Z", "0", "9", "-", "--", ".", "..", "_", "+", "!", "~", "@", ">", " ", "\"", "[", "ü", "\0",
            "mail", "example", "abcdefghijklmnop", ".com");

    private static readonly Gen<byte[]> Values =
        Parts.Array[0, 24].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));

    /// <summary>Values with one '@' more often than chance would give: a local part and a domain of the parts above.</summary>
    private static readonly Gen<byte[]> Addresses =
        Gen.Select(Parts.Array[0, 8], Parts.Array[0, 8], (local, domain) => Encoding.UTF8.GetBytes(string.Concat(local) + "@" + string.Concat(domain)));

    [Fact]
    public void A_mailbox_the_check_takes_is_valid_and_every_valid_one_of_its_shape_is_taken()
    {
        Gen.OneOf(Values, Addresses).Sample(value =>
        {
            bool valid = Mailbox.Scan(value) == value.Length && value.Length != 0;
            bool ofItsShape = value.Length is >= 1 and <= 64 && Array.TrueForAll(value, IsMailboxOctet);
            Assert.Equal(valid && ofItsShape && Vectorised, AsciiShapes.IsMailbox(value));
        }, iter: 50_000);
    }

    [Fact]
    public void A_domain_the_check_takes_is_valid_and_every_valid_one_of_its_shape_is_taken()
    {
        Values.Sample(value =>
        {
            bool valid = Domain.Scan(value) == value.Length && value.Length != 0;
            bool ofItsShape = value.Length is >= 1 and <= 64 && Array.TrueForAll(value, octet => char.IsAsciiLetterOrDigit((char)octet) || octet is (byte)'-' or (byte)'.');
            Assert.Equal(valid && ofItsShape && Vectorised, AsciiShapes.IsDomain(value));
        }, iter: 50_000);
    }

    [Fact]
    public void A_path_is_as_long_with_the_check_as_with_the_scanner_alone()
    {
        // PathSyntax takes a mailbox the check takes up to the '>' without scanning it; without a source route, the
        // scanner alone finds the path "<" Mailbox ">".
        Gen.Select(Gen.OneOf(Values, Addresses), Values, (value, rest) => (byte[])[(byte)'<', .. value, (byte)'>', .. rest]).Sample(line =>
        {
            if (line[1] == (byte)'@')
            {
                return;
            }

            int mailbox = Mailbox.Scan(line.AsSpan(1));
            bool scanned = mailbox != 0 && 1 + mailbox < line.Length && line[1 + mailbox] == (byte)'>';
            Assert.Equal(scanned ? mailbox + 2 : 0, PathSyntax.Scan(line, out Range found));
            Assert.Equal(scanned ? 1..(1 + mailbox) : default, found);
        }, iter: 50_000);
    }

    [Fact]
    public void Parameters_the_check_takes_are_valid_and_every_valid_run_of_their_shape_is_taken()
    {
        Gen<byte[]> parameters =
            Gen.OneOfConst("SIZE", "BODY", "=", "==", "1024", "8BITMIME", " ", "  ", "-", "A", "z", "9", "~", "!", ";",
                    ",", ".", "<", ">", "\"", "_", "NOTIFY", "SUCCESS,FAILURE", "rfc822;bob@example.com", "ü", "\t", "\0", "\x7f")
                .Array[0, 16]
                .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        parameters.Sample(value =>
        {
            bool valid = Parameters.OneByOne(value) == value.Length && value.Length != 0;
            bool ofItsShape = value.Length is >= 1 and <= 63 && Array.TrueForAll(value, octet => octet is >= 32 and <= 126);
            Assert.Equal(valid && ofItsShape && Vectorised, AsciiShapes.IsParameters(value));
        }, iter: 50_000);
    }

    [Theory]
    [InlineData("SIZE=1024 BODY=8BITMIME", true)]
    [InlineData("NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.com", true)]
    [InlineData("SMTPUTF8", true)]
    [InlineData("A=B;C D", true)]
    [InlineData("SIZE=", false)]        // an empty value
    [InlineData("A= B", false)]
    [InlineData("A=B=C", false)]        // an '=' in a value
    [InlineData("A;B=C", false)]        // a keyword of a letter and a ';'
    [InlineData("-A", false)]
    [InlineData("A  B", false)]
    [InlineData("A ", false)]
    [InlineData(" A", false)]
    [InlineData("ENVID=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz01234", true)] // 63 octets, the longest taken
    [InlineData("ENVID=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz012345", false)] // 64: scanned instead
    public void Parameters_are_taken_only_in_the_usual_shape(string value, bool taken)
    {
        Assert.Equal(taken && Vectorised, AsciiShapes.IsParameters(Encoding.ASCII.GetBytes(value)));
    }

    /// <remarks>
    /// Every octet, not only ASCII: the checks take none above 127, not even where the scanners take UTF-8, and a check
    /// that looks an octet's classes up by its low seven bits (a whole value at once) must not judge 0xE1 as 'a'.
    /// </remarks>
    [Fact]
    public void Every_octet_in_a_local_part_and_a_domain_is_judged_as_the_scanners_judge_it()
    {
        for (int octet = 0; octet < 256; octet++)
        {
            byte[] inLocalPart = [(byte)'a', (byte)octet, .. "b@example.com"u8];
            byte[] inDomain = [.. "alice@ex"u8, (byte)octet, .. "ample.com"u8];
            bool ascii = octet < 128;
            Assert.Equal(ascii && Mailbox.Scan(inLocalPart) == inLocalPart.Length && Vectorised, AsciiShapes.IsMailbox(inLocalPart));
            Assert.Equal(ascii && Mailbox.Scan(inDomain) == inDomain.Length && Vectorised, AsciiShapes.IsMailbox(inDomain));
            Assert.Equal(ascii && Domain.Scan(inDomain.AsSpan(6)) == inDomain.Length - 6 && Vectorised, AsciiShapes.IsDomain(inDomain.AsSpan(6)));
        }
    }

    [Fact]
    public void Every_octet_in_a_keyword_and_a_value_is_judged_as_the_scanner_judges_it()
    {
        for (int octet = 0; octet < 256; octet++)
        {
            byte[] inKeyword = [.. "SI"u8, (byte)octet, .. "ZE=1024 BODY=8BITMIME"u8];
            byte[] inValue = [.. "SIZE=1024 BODY=8"u8, (byte)octet, .. "BITMIME"u8];
            bool ascii = octet < 128;
            Assert.Equal(ascii && Parameters.OneByOne(inKeyword) == inKeyword.Length && Vectorised, AsciiShapes.IsParameters(inKeyword));
            Assert.Equal(ascii && Parameters.OneByOne(inValue) == inValue.Length && Vectorised, AsciiShapes.IsParameters(inValue));
        }
    }

    [Theory]
    [InlineData("bob@example.com", true)]          // 15 octets: one block, padded
    [InlineData("carol@example.com", true)]        // 17: two blocks that overlap
    [InlineData("first.last+tag@mail.example.org", true)]
    [InlineData("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u@v.w.x.y.z.example.com", true)] // 63
    [InlineData("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u@v.w.x.y.z.examples.com", true)] // 64, the longest taken
    [InlineData("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u@v.w.x.y.z.exampless.com", false)] // 65: scanned instead
    [InlineData("abcdefghijklmno.@example.com", false)] // a dot ending the local part on a block's last octet
    [InlineData("abcdefghijklmno@-xample.example.com", false)] // a hyphen starting the domain on the second block's first octet
    [InlineData("alice@example.com.", false)]
    [InlineData("alice@@example.com", false)]
    [InlineData("\"alice\"@example.com", false)]   // valid, but quoted: scanned instead
    [InlineData("alice@[192.0.2.1]", false)]       // valid, but an address literal: scanned instead
    public void A_mailbox_is_taken_only_in_the_usual_shape(string value, bool taken)
    {
        Assert.Equal(taken && Vectorised, AsciiShapes.IsMailbox(Encoding.UTF8.GetBytes(value)));
    }

    [Fact]
    public void Every_octet_of_a_domain_of_any_length_is_read_in_its_place()
    {
        byte[] domain = [.. Enumerable.Repeat((byte)'a', AsciiShapesMaxLength)];
        for (int length = 1; length <= AsciiShapesMaxLength; length++)
        {
            Assert.Equal(Vectorised, AsciiShapes.IsDomain(domain.AsSpan(0, length)));
            for (int position = 0; position < length; position++)
            {
                // Anything out of place: an octet no domain holds anywhere, a dot that may stand only inside.
                domain[position] = (byte)'_';
                Assert.False(AsciiShapes.IsDomain(domain.AsSpan(0, length)), $"'_' at {position} of {length}");
                domain[position] = (byte)'.';
                bool inside = position != 0 && position != length - 1;
                Assert.Equal(inside && Vectorised, AsciiShapes.IsDomain(domain.AsSpan(0, length)));
                domain[position] = (byte)'a';
            }
        }
    }

    [Fact]
    public void No_octet_after_a_mailbox_is_read()
    {
        // Every prefix of a longer mailbox is a mailbox; an octet read past a prefix's end would set a class bit beyond
        // its last octet, and the check would refuse it.
        byte[] mailbox = [(byte)'a', (byte)'@', .. Enumerable.Repeat((byte)'a', AsciiShapesMaxLength)];
        for (int length = 3; length <= AsciiShapesMaxLength; length++)
        {
            Assert.Equal(Vectorised, AsciiShapes.IsMailbox(mailbox.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Every_octet_of_parameters_of_any_length_is_read_in_its_place_and_none_after_them()
    {
        // One keyword of letters, followed by a tab, which no parameter holds: read, it would refuse every length. A
        // tab inside refuses too; a space splits the keyword in two, which is valid except at either end.
        byte[] line = [.. Enumerable.Repeat((byte)'A', AsciiShapesMaxLength)];
        for (int length = 1; length < AsciiShapesMaxLength; length++)
        {
            line[length] = (byte)'\t';
            Assert.Equal(Vectorised, AsciiShapes.IsParameters(line.AsSpan(0, length)));
            for (int position = 0; position < length; position++)
            {
                line[position] = (byte)'\t';
                Assert.False(AsciiShapes.IsParameters(line.AsSpan(0, length)), $"a tab at {position} of {length}");
                line[position] = (byte)' ';
                bool inside = position != 0 && position != length - 1;
                Assert.Equal(inside && Vectorised, AsciiShapes.IsParameters(line.AsSpan(0, length)));
                line[position] = (byte)'A';
            }

            line[length] = (byte)'A';
        }
    }

    [LinuxFact]
    public void No_check_reads_past_a_value_that_ends_where_readable_memory_ends()
    {
        // Each value ends on the last octet of a page whose next page cannot be read: a read past its end, even one a
        // vector load would make and then ignore, stops the test process.
        using GuardedPage page = new();
        for (int length = 1; length <= AsciiShapesMaxLength; length++)
        {
            Span<byte> value = page.EndingAtGuard(length);
            value.Fill((byte)'a');
            Assert.Equal(Vectorised, AsciiShapes.IsDomain(value));
            Assert.Equal(Vectorised && length < AsciiShapesMaxLength, AsciiShapes.IsParameters(value));
            if (length >= 3)
            {
                value[1] = (byte)'@';
                Assert.Equal(Vectorised, AsciiShapes.IsMailbox(value));
            }
        }
    }

    /// <summary>The longest value the checks take.</summary>
    private const int AsciiShapesMaxLength = 64;

    private static bool IsMailboxOctet(byte octet) =>
        char.IsAsciiLetterOrDigit((char)octet) || "!#$%&'*+-/=?^_`{|}~.@"u8.Contains(octet);
}
