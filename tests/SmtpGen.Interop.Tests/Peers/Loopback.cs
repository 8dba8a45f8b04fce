using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>Ports on the loopback interface: finding a free one, and waiting until a server accepts on one.</summary>
internal static class Loopback
{
    /// <summary>How long a peer may take to start listening or to store what it was sent.</summary>
    public static readonly TimeSpan PeerPatience = TimeSpan.FromSeconds(30);

    /// <summary>A port that was free a moment ago (the OS picks it; a peer then binds it).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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
