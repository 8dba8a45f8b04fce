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

    public ValueTask DisposeAsync() => Listener.DisposeAsync();
}
