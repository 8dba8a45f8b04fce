using NATS.Client.Core;
using NATS.Client.JetStream;

namespace SmtpGen.Server.Nats.Tests;

/// <summary>
/// What most tests start with: one <c>nats-server</c>, a connection to it, and the stream
/// <see cref="JetStreamMessageStoreTests.StreamName"/> of one replica; all gone when the test ends.
/// </summary>
internal sealed class StreamOnOneNode : IAsyncDisposable
{
    private StreamOnOneNode(NatsServers nats, NatsConnection connection)
    {
        (Nats, Connection, Context) = (nats, connection, new NatsJSContext(connection));
    }

    public NatsServers Nats { get; }

    public NatsConnection Connection { get; }

    public NatsJSContext Context { get; }

    /// <summary>Starts the server and makes the stream, of messages up to <paramref name="maxMessageSize"/> (-1: the server's largest).</summary>
    public static async Task<StreamOnOneNode> StartAsync(long maxMessageSize = -1)
    {
        NatsServers nats = await NatsServers.StartOneAsync();
        var queue = new StreamOnOneNode(nats, new NatsConnection(new NatsOpts { Url = nats.Urls }));
        try
        {
            await JetStreamMessageStoreTests.CreateStreamAsync(queue.Context, replicas: 1, maxMessageSize);
            return queue;
        }
        catch
        {
            await queue.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
