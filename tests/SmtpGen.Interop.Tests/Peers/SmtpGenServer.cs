using System.Net;
using SmtpGen.Server;
using SmtpGen.Server.Tests;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>
/// Our own server (<c>SmtpGen.Server</c>) with its in-memory store: not a proof against a peer we did not write,
/// but the pair that <c>smtpgen demo</c> runs, held to the same tests. What it stored is compared after the trace
/// headers it adds.
/// </summary>
internal sealed class SmtpGenServer : IMailPeer
{
    private readonly MemoryMessageStore _store = new();
    private readonly SmtpListener _listener;

    private SmtpGenServer(bool lmtp)
    {
        var options = new SmtpServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            ServerName = "smtpgen.test",
            MaxMessageSize = 16 * 1024 * 1024,
            Commands = lmtp ? LmtpCommandHandler.Instance : null,
        };
        _listener = new SmtpListener(options, _store);
        _listener.Start();
    }

    public int Port => _listener.LocalEndPoint!.Port;

    /// <summary>Starts the server; with <paramref name="lmtp"/>, as an LMTP server.</summary>
    public static Task<SmtpGenServer> StartAsync(bool lmtp = false) => Task.FromResult(new SmtpGenServer(lmtp));

    public Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count) =>
        Loopback.PollAsync("SmtpGen.Server", count, () => _store.Messages
            .Select(m => new ReceivedMessage(m.Envelope.ReversePath, m.Envelope.Recipients, ServerTrace.Remove(m.Data)))
            .ToList());

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
