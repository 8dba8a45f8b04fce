using SmtpGen.Tests.Grammar;

namespace SmtpGen.Tests;

/// <summary>
/// The search of a line's content for the octets of a set (<see cref="OctetSearch"/>): 64 octets at a time with
/// AVX-512, the last block by a masked load whose lanes past the content read as an octet outside the set;
/// <c>tests/run.sh</c> runs these tests again without AVX-512, where it is the runtime's <c>IndexOfAny</c>. Each set's
/// test class derives from it.
/// </summary>
public abstract class OctetSearchTests
{
    /// <summary>The longest content of a command line (512 octets, CRLF included); a reply line's is the same.</summary>
    private const int LongestContent = 510;

    /// <summary>The set's search, as the parsers make it.</summary>
    protected abstract bool Search(ReadOnlySpan<byte> content);

    /// <summary>The set's octets.</summary>
    protected abstract byte[] Members { get; }

    /// <summary>Every octet value outside the set, the high ones included.</summary>
    private byte[] Others
    {
        get
        {
            List<byte> others = [];
            for (int octet = 0; octet < 256; octet++)
            {
                if (Array.IndexOf(Members, (byte)octet) < 0)
                {
                    others.Add((byte)octet);
                }
            }

            return [.. others];
        }
    }

    [Fact]
    public void Content_without_a_member_holds_none_at_any_length()
    {
        for (int length = 0; length <= LongestContent; length++)
        {
            byte[] content = Visible(length);
            Assert.False(Search(content), $"length {length}");
        }
    }

    [Fact]
    public void Each_member_is_found_at_every_position_of_every_length()
    {
        foreach (byte member in Members)
        {
            for (int length = 1; length <= 200; length++)
            {
                byte[] content = Visible(length);
                for (int position = 0; position < length; position++)
                {
                    content[position] = member;
                    if (!Search(content))
                    {
                        Assert.Fail($"octet {member}, length {length}, position {position}");
                    }

                    content[position] = (byte)'x';
                }
            }
        }
    }

    [Fact]
    public void Octets_outside_the_set_are_not_taken_for_members()
    {
        // All of them in one content, which spans several blocks, and each one alone at the end of a block.
        byte[] others = Others;
        Assert.False(Search(others));
        foreach (byte octet in others)
        {
            byte[] content = Visible(64);
            content[^1] = octet;
            Assert.False(Search(content), $"octet {octet}");
        }
    }

    [LinuxFact]
    public void The_search_reads_nothing_past_the_content()
    {
        // Each content ends on the last octet of a page whose next page cannot be read: a read past its end stops the
        // test process. The lengths run past three 64-octet blocks; the empty content is a null pointer, not one at the
        // guard (Content_without_a_member_holds_none_at_any_length has it). The last octet is a member, where there is
        // one, so the search must reach it.
        using GuardedPage page = new();
        for (int length = 1; length <= 3 * 64 + 1; length++)
        {
            Span<byte> content = page.EndingAtGuard(length);
            content.Fill((byte)'x');
            Assert.False(Search(content), $"length {length}");
            foreach (byte member in Members)
            {
                content[^1] = member;
                Assert.True(Search(content), $"octet {member}, length {length}");
            }
        }
    }

    /// <summary>A content of <paramref name="length"/> octets, all <c>x</c>, in no set.</summary>
    protected static byte[] Visible(int length)
    {
        byte[] content = new byte[length];
        content.AsSpan().Fill((byte)'x');
        return content;
    }
}
