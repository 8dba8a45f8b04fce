using System.Net;
using SmtpGen.Server;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>
/// Our own server (<c>SmtpGen.Server</c>) with its in-memory store: not a proof against a peer we did not write,
/// but the pair that <c>smtpgen demo</c> runs, held to the same tests.
/// </summary>
internal sealed class SmtpGenServer : IMailPeer
{
    private readonly MemoryMessageStore _store = new();
    private readonly SmtpListener _listener;

    private SmtpGenServer()
    {
        var options = new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "smtpgen.test" };
        _listener = new SmtpListener(options, _store);
        _listener.Start();
    }

    public int Port => _listener.LocalEndPoint!.Port;

    public static Task<SmtpGenServer> StartAsync() => Task.FromResult(new SmtpGenServer());

    public Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count) =>
        Loopback.PollAsync("SmtpGen.Server", count, () => _store.Messages
            .Select(m => new ReceivedMessage(m.Envelope.ReversePath, m.Envelope.Recipients, m.Data))
            .ToList());

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
