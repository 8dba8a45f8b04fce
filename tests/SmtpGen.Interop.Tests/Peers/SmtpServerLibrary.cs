using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>
/// The <c>SmtpServer</c> library (NuGet) in this process, with a message store that keeps each message's octets
/// as the library hands them over, after dot-unstuffing. It announces PIPELINING, SIZE, 8BITMIME and SMTPUTF8.
/// </summary>
/// <remarks>
/// SmtpServer reads <c>CRLF . CRLF</c> as the terminator and hands its store the mail data without the CRLF that
/// ends the last line, although RFC 5321 §4.1.1.4 counts it as part of the data; the store puts it back. Mail data
/// always ends with CRLF (the client's encoder adds one when a message does not), so this recovers the octets
/// exactly. Empty mail data (a lone <c>. CRLF</c> after 354) it never ends: it waits for <c>CRLF . CRLF</c>.
/// </remarks>
internal sealed class SmtpServerLibrary : IMailPeer
{
    private readonly CapturingStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private SmtpServerLibrary(int port)
    {
        Port = port;
        ISmtpServerOptions options = new SmtpServerOptionsBuilder()
            .ServerName("smtpserver.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .MaxMessageSize(64 * 1024 * 1024, MaxMessageSizeHandling.Strict)
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public static async Task<SmtpServerLibrary> StartAsync()
    {
        var peer = new SmtpServerLibrary(Loopback.FreePort());
        try
        {
            await Loopback.WaitUntilAcceptingAsync(peer.Port, "SmtpServer", () => peer._running.IsCompleted, () => peer._running.Exception?.ToString() ?? "stopped");
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    public Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count) =>
        Loopback.PollAsync("SmtpServer", count, () => _store.Messages.ToList());

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        _stop.Dispose();
    }

    private sealed class CapturingStore : IMessageStore
    {
        public ConcurrentQueue<ReceivedMessage> Messages { get; } = new();

        public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            string from = Address(transaction.From);
            string[] to = [.. transaction.To.Select(Address)];
            byte[] content = [.. buffer.ToArray(), (byte)'\r', (byte)'\n'];
            Messages.Enqueue(new ReceivedMessage(from, to, content));
            return Task.FromResult(SmtpResponse.Ok);
        }

        private static string Address(SmtpServer.Mail.IMailbox mailbox) =>
            string.IsNullOrEmpty(mailbox.User) && string.IsNullOrEmpty(mailbox.Host) ? "" : $"{mailbox.User}@{mailbox.Host}";
    }
}
