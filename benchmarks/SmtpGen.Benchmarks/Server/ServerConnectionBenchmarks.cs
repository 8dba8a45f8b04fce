using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using SmtpGen.Server;

namespace SmtpGen.Benchmarks.Server;

/// <summary>
/// What SmtpGen.Server spends on one connection that carries no message: the real listener on loopback with the
/// discarding store; a client connects (a blocking socket), reads the greeting, says QUIT, reads the 221 and waits for
/// the server to close. <c>[MemoryDiagnoser]</c> counts every thread's allocations, so the bytes per operation are the
/// server's per connection and the client's socket (a few hundred octets of its own).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] stops the server.
public class ServerConnectionBenchmarks
#pragma warning restore CA1001
{
    /// <summary>Connections per benchmark invocation: enough that the timer's resolution does not matter.</summary>
    private const int ConnectionsPerInvoke = 100;

    private readonly byte[] _replies = new byte[512];
    private SmtpListener _server = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackServer.StartDiscarding();
        _ = OneConnection();
    }

    [GlobalCleanup]
    public void Cleanup() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = ConnectionsPerInvoke, Description = "Connection, greeting, QUIT: SmtpGen.Server")]
    public int Connections()
    {
        int received = 0;
        for (int i = 0; i < ConnectionsPerInvoke; i++)
        {
            received += OneConnection();
        }

        return received;
    }

    /// <summary>One connection from its opening to the server's close; returns the octets the server sent.</summary>
    private int OneConnection()
    {
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(_server.LocalEndPoint!);
        int received = Expect(client, (byte)'2');
        client.Send("QUIT\r\n"u8);
        received += Expect(client, (byte)'2');
        while (client.Receive(_replies) > 0)
        {
            // The 221 may come apart from the close; the server closes after it.
        }

        return received;
    }

    /// <summary>Reads what the server sent and checks that it starts a reply of the class <paramref name="first"/>.</summary>
    private int Expect(Socket client, byte first)
    {
        int count = client.Receive(_replies);
        return count > 0 && _replies[0] == first ? count : throw new InvalidOperationException("The server did not reply as expected.");
    }
}
