using System.IO.Pipelines;

namespace SmtpGen.Server.Tests;

/// <summary>
/// The stream under a session's read pipe: between transactions its zero-byte read waits for the client's input (the
/// session holds no read buffer meanwhile); inside one it returns at once, and the pipe reads straight into a buffer.
/// </summary>
public sealed class InputWaitStreamTests
{
    [Fact]
    public async Task Waiting_without_a_buffer_a_zero_byte_read_ends_only_when_input_comes_and_takes_none_of_it()
    {
        var connection = new Pipe();
        var stream = new InputWaitStream(connection.Reader.AsStream()) { WaitsWithoutBuffer = true };

        ValueTask<int> waiting = stream.ReadAsync(Memory<byte>.Empty);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        await connection.Writer.WriteAsync("MAIL FROM:<a@example.com>\r\n"u8.ToArray());
        Assert.Equal(0, await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        byte[] buffer = new byte[64];
        Assert.Equal(27, await stream.ReadAsync(buffer));
    }

    [Fact]
    public async Task Inside_a_transaction_a_zero_byte_read_returns_at_once_and_a_read_with_a_buffer_still_waits()
    {
        var connection = new Pipe();
        var stream = new InputWaitStream(connection.Reader.AsStream()) { WaitsWithoutBuffer = false };

        ValueTask<int> zeroByte = stream.ReadAsync(Memory<byte>.Empty);
        Assert.True(zeroByte.IsCompletedSuccessfully);
        Assert.Equal(0, await zeroByte);

        byte[] buffer = new byte[64];
        ValueTask<int> reading = stream.ReadAsync(buffer);
        await Task.Delay(50);
        Assert.False(reading.IsCompleted);
        await connection.Writer.WriteAsync("RCPT TO:<b@example.com>\r\n"u8.ToArray());
        Assert.Equal(25, await reading.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
