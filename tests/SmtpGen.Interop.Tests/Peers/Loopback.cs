using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>Ports on the loopback interface: finding a free one, and waiting until a server accepts on one.</summary>
internal static class Loopback
{
    /// <summary>How long a peer may take to start listening or to store what it was sent.</summary>
    public static readonly TimeSpan PeerPatience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A port that was free a moment ago, for a peer to bind. It is drawn below Linux's ephemeral range
    /// (32768–60999), where the OS takes the ports of other tests' servers (bound to port 0) and of outgoing
    /// connections from: the OS cannot hand it to someone else between this check and the peer's bind.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            int port = Random.Shared.Next(20000, 32768);
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken: draw again.
            }
        }
    }

    /// <summary>
    /// Waits until something accepts TCP connections on <paramref name="port"/>; fails with
    /// <paramref name="describeFailure"/>'s text when <paramref name="hasFailed"/> says the peer is gone or when
    /// it takes longer than <see cref="PeerPatience"/>.
    /// </summary>
    public static async Task WaitUntilAcceptingAsync(int port, string peer, Func<bool> hasFailed, Func<string> describeFailure)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (hasFailed())
            {
                throw new InvalidOperationException($"{peer} stopped before it accepted connections on port {port}: {describeFailure()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < PeerPatience)
            {
                await Task.Delay(50);
            }
            catch (SocketException error)
            {
                throw new InvalidOperationException($"{peer} did not accept connections on port {port} within {PeerPatience}: {describeFailure()}", error);
            }
        }
    }

    /// <summary>Polls <paramref name="read"/> until it returns <paramref name="count"/> items or <see cref="PeerPatience"/> runs out.</summary>
    public static async Task<IReadOnlyList<T>> PollAsync<T>(string peer, int count, Func<IReadOnlyList<T>> read)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<T> items = read();
            if (items.Count >= count)
            {
                return items;
            }

            if (clock.Elapsed > PeerPatience)
            {
                throw new InvalidOperationException($"{peer} stored {items.Count} of {count} messages within {PeerPatience}.");
            }

            await Task.Delay(50);
        }
    }
}
