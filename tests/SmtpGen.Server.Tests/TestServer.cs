using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>An <see cref="SmtpListener"/> on a loopback port the system chose, stopped when the test ends.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(SmtpListener listener, IMessageStore store)
    {
        Listener = listener;
        Store = store;
    }

    public SmtpListener Listener { get; }

    public IMessageStore Store { get; }

    public MemoryMessageStore Memory => (MemoryMessageStore)Store;

    public IPEndPoint EndPoint => Listener.LocalEndPoint!;

    public static TestServer Start(Action<SmtpServerOptions>? configure = null, IMessageStore? store = null, SmtpPolicy? policy = null, ILoggerFactory? loggerFactory = null, SmtpServerMetrics? metrics = null)
    {
        var options = new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mail.example.com" };
        configure?.Invoke(options);
        store ??= new MemoryMessageStore();
        var listener = new SmtpListener(options, store, policy, loggerFactory, metrics);
        listener.Start();
        return new TestServer(listener, store);
    }

    public Task<RawClient> ConnectAsync(IPAddress? from = null) => RawClient.ConnectAsync(EndPoint, from);

    /// <summary>
    /// Connects until the server greets rather than refuses with 421 (a session's end is counted just after its socket
    /// closes), and fails, saying the last refusal, once <paramref name="within"/> has passed.
    /// </summary>
    public async Task<RawClient> ConnectWhenASlotIsFreeAsync(TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            RawClient client = await ConnectAsync();
            string reply = await client.ReadReplyAsync();
            if (reply.StartsWith("220 ", StringComparison.Ordinal))
            {
                return client;
            }

            await client.DisposeAsync();
            Assert.True(waited.Elapsed < within, $"no session was free after {waited.Elapsed}: {reply}");
            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => Listener.DisposeAsync();
}
