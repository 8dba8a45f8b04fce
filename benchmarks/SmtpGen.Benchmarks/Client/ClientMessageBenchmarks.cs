using BenchmarkDotNet.Attributes;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SmtpClient = SmtpGen.Client.SmtpClient;
using SmtpClientOptions = SmtpGen.Client.SmtpClientOptions;
using SmtpSendResult = SmtpGen.Client.SmtpSendResult;

namespace SmtpGen.Benchmarks.Client;

/// <summary>
/// What <see cref="SmtpClient.SendAsync(string, IEnumerable{string}, ReadOnlyMemory{byte}, CancellationToken)"/> spends
/// on one 1 KiB message over a warm connection, against a loopback server that allocates nothing
/// (<see cref="CannedSmtpServer"/>), so that <c>[MemoryDiagnoser]</c>'s bytes per operation (it counts every thread's
/// allocations) are the client's per message. The server offers PIPELINING. With <c>Chunking</c> false, MAIL, RCPT and
/// DATA go in one write, the dot-stuffed data after the 354; with <c>Chunking</c> true (as <c>smtpgen load</c> sends into
/// SmtpGen.Server), MAIL and RCPT go in one write, the BDAT line and its one chunk in another. The caller's token can be
/// cancelled, as a host's stopping token can. MailKit's client sends the same message, parsed once into a
/// <see cref="MimeMessage"/>, with the same envelope to a server of its own (with DATA in both cases).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] disposes of the client and the server.
public class ClientMessageBenchmarks
#pragma warning restore CA1001
{
    /// <summary>Messages per benchmark invocation: enough that the timer's resolution does not matter.</summary>
    private const int MessagesPerInvoke = 200;

    private const string From = "load@example.com";
    private static readonly string[] To = ["sink@example.com"];
    private static readonly byte[] Message = SampleMessage.OneKib(From, To[0], "client benchmark");

    private readonly CancellationTokenSource _stopping = new();
    private CannedSmtpServer _server = null!;
    private SmtpClient _client = null!;
    private CannedSmtpServer _mailKitServer = null!;
    private MailKit.Net.Smtp.SmtpClient _mailKit = null!;
    private MimeMessage _mimeMessage = null!;
    private MailboxAddress _sender = null!;
    private MailboxAddress[] _recipients = [];

    /// <summary>Whether the server offers CHUNKING, so the message goes with BDAT rather than DATA.</summary>
    [Params(false, true)]
    public bool Chunking { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = new CannedSmtpServer(Chunking);
        _client = SmtpClient.ConnectAsync("127.0.0.1", _server.Port, new SmtpClientOptions { ClientDomain = "client.example.com" }, _stopping.Token)
            .GetAwaiter().GetResult();
        if (_client.Capabilities.Chunking != Chunking || !_client.Capabilities.Pipelining)
        {
            throw new InvalidOperationException("The client did not read the canned server's extensions.");
        }

        _mailKitServer = new CannedSmtpServer(Chunking);
        _mailKit = new MailKit.Net.Smtp.SmtpClient();
        _mailKit.Connect("127.0.0.1", _mailKitServer.Port, SecureSocketOptions.None);
        _mimeMessage = MimeMessage.Load(new MemoryStream(Message));
        _sender = MailboxAddress.Parse(From);
        _recipients = [MailboxAddress.Parse(To[0])];

        // The first message takes the connection's one-time costs (its buffers) out of the figure.
        _ = Messages().GetAwaiter().GetResult() + MailKitMessages().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.QuitAsync().GetAwaiter().GetResult();
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.Dispose();
        _mailKit.Disconnect(quit: true);
        _mailKit.Dispose();
        _mailKitServer.Dispose();
        _stopping.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvoke, Description = "1 KiB message, warm connection: SmtpGen.Client")]
    public async Task<int> Messages()
    {
        int accepted = 0;
        for (int i = 0; i < MessagesPerInvoke; i++)
        {
            SmtpSendResult result = await _client.SendAsync(From, To, Message, _stopping.Token).ConfigureAwait(false);
            accepted += result.IsSent ? 1 : throw new InvalidOperationException("The canned server refused the message.");
        }

        return accepted;
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke, Description = "1 KiB message, warm connection: MailKit 4.18")]
    public async Task<int> MailKitMessages()
    {
        int accepted = 0;
        for (int i = 0; i < MessagesPerInvoke; i++)
        {
            string reply = await _mailKit.SendAsync(_mimeMessage, _sender, _recipients, _stopping.Token).ConfigureAwait(false);
            accepted += reply.Length > 0 ? 1 : 0;
        }

        return accepted;
    }
}
