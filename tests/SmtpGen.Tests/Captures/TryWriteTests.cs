using SmtpGen.Captures;

namespace SmtpGen.Tests.Captures;

/// <summary>
/// A capture's <c>TryWrite</c> writes into a span: false (and nothing written) when the value does not fit,
/// an exception when the value is invalid, whatever the room.
/// </summary>
public class TryWriteTests
{
    [Fact]
    public void A_value_that_fits_is_written_whole()
    {
        Span<byte> destination = stackalloc byte[32];

        Assert.True(ForwardPath.TryWrite(destination, "bob@example.com"u8, out int written));

        Assert.Equal("<bob@example.com>"u8, destination[..written]);
    }

    [Fact]
    public void A_value_that_does_not_fit_reports_it_and_writes_nothing()
    {
        Span<byte> destination = stackalloc byte[16];

        Assert.False(ForwardPath.TryWrite(destination, "bob@example.com"u8, out int path));
        Assert.False(Domain.TryWrite(destination[..3], "example.com"u8, out int domain));
        Assert.False(Number.TryWrite(destination[..2], 123, out int number));

        Assert.Equal((0, 0, 0), (path, domain, number));
    }

    [Fact]
    public void An_invalid_value_throws_even_when_there_is_no_room()
    {
        Assert.Throws<ArgumentException>(() => Domain.TryWrite([], "-bad"u8, out _));
        Assert.Throws<ArgumentException>(() => ReversePath.TryWrite([], "no at sign"u8, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Number.TryWrite(new byte[32], -1, out _));
    }

    [Fact]
    public void An_invalid_value_is_named_value_or_as_the_caller_asks()
    {
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => Mailbox.TryWrite(new byte[32], "no at sign"u8, out _)).ParamName);
        Assert.Equal("recipient", Assert.Throws<ArgumentException>(() => Mailbox.TryWrite(new byte[32], "no at sign"u8, out _, "recipient")).ParamName);
        Assert.Equal("recipient", Assert.Throws<ArgumentException>(() => ForwardPath.TryWrite(new byte[32], "no at sign"u8, out _, "recipient")).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => SmtpGen.Captures.Octets.TryWrite(new byte[32], -1, out _, "size")).ParamName);
    }

    [Fact]
    public void The_null_reverse_path_is_written_as_empty_brackets()
    {
        Span<byte> destination = stackalloc byte[2];

        Assert.True(ReversePath.TryWrite(destination, default, out int written));

        Assert.Equal("<>"u8, destination[..written]);
    }
}
