using System.Net.Sockets;

namespace SmtpGen.Server.Tests;

/// <summary>
/// How a session's connection closes: at once when the client has finished (QUIT, nothing after it), and after a
/// lingering wait for its end when it may still be sending, so that a reset cannot cut the last reply.
/// </summary>
public class ClosingTests
{
    [Fact]
    public async Task After_QUIT_the_session_ends_without_waiting_for_the_client_to_close_its_side()
    {
        await using TestServer server = TestServer.Start(options => options.MaxSessions = 1);
        await using RawClient first = await server.ConnectAsync();
        await first.ReadReplyAsync();
        Assert.StartsWith("221 ", await first.CommandAsync("QUIT"));
        Assert.True(await first.IsClosedAsync());

        // The first client keeps its side open. A lingering close would hold the only session for ClosingPatience.
        await using RawClient next = await server.ConnectWhenASlotIsFreeAsync(SocketTransport.ClosingPatience / 2);
    }

    [Fact]
    public async Task Input_after_QUIT_is_drained_so_that_a_reset_does_not_cut_the_221()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();

        // More than the server reads at once: most of it is still in the server's socket when the session ends, and
        // closing a socket with unread input sends a reset, which can destroy a reply still on its way. (The session
        // sees input after QUIT in its buffer, the transport sees it in the socket: this fails only without both.)
        await client.SendAsync("QUIT\r\n" + string.Concat(Enumerable.Repeat("NOOP\r\n", 50_000)));
        Assert.StartsWith("221 ", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedAsync());

        // A reset after the end of the stream leaves its error on the socket (EPIPE); on loopback it comes at once.
        await Task.Delay(100);
        Assert.Equal(0, (int)client.Socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!);
    }
}
