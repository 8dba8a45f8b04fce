using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SmtpGen.Benchmarks.Server;
using SmtpGen.LoadPeers;
using SmtpGen.Server;
using SmtpServer;
using SmtpServer.Storage;

namespace SmtpGen.Benchmarks.Tls;

/// <summary>
/// A whole secured session on loopback, as a submission client makes it: connect, STARTTLS (the TLS handshake), EHLO
/// again, MAIL, RCPT, a 1 KiB message, QUIT. The same client, MailKit's, talks to SmtpGen's server and to the SmtpServer
/// library, each with the same self-signed certificate, TCP_NODELAY (<see cref="NoDelayListenerFactory"/>) and a store
/// that drops the message, so the ratio compares the servers' STARTTLS paths (the handshake's cryptography is the same).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] stops the servers.
public class TlsSessionBenchmarks
#pragma warning restore CA1001
{
    private X509Certificate2 _certificate = null!;
    private SmtpListener _smtpGen = null!;
    private CancellationTokenSource _stopSmtpServer = null!;
    private Task _smtpServer = null!;
    private int _smtpServerPort;
    private MimeMessage _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        _certificate = LoopbackCertificate.Create();
        _message = MimeMessage.Load(new MemoryStream(SampleMessage.OneKib("alice@example.com", "bob@example.com", "TLS benchmark")));
        _smtpGen = LoopbackServer.StartDiscarding(_certificate);

        _smtpServerPort = FreePort();
        ISmtpServerOptions options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, _smtpServerPort)).Certificate(_certificate))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new DroppingStore());
        services.Add(new NoDelayListenerFactory());
        _stopSmtpServer = new CancellationTokenSource();
        _smtpServer = new SmtpServer.SmtpServer(options, services).StartAsync(_stopSmtpServer.Token);

        // Both servers must take the message over TLS before anything is timed.
        _ = SmtpGen() + SmtpServerLibrary();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _smtpGen.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stopSmtpServer.Cancel();
        try
        {
            _smtpServer.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        _stopSmtpServer.Dispose();
        _certificate.Dispose();
    }

    [Benchmark(Baseline = true, Description = "STARTTLS session, 1 KiB message: SmtpGen.Server")]
    public int SmtpGen() => Session(_smtpGen.LocalEndPoint!.Port);

    [Benchmark(Description = "STARTTLS session, 1 KiB message: SmtpServer 11.1")]
    public int SmtpServerLibrary() => Session(_smtpServerPort);

    private int Session(int port)
    {
        using var client = new MailKit.Net.Smtp.SmtpClient { ServerCertificateValidationCallback = CertificateTrust.Only(_certificate) };

        // TCP_NODELAY on the client's side too, so that no side waits for a delayed ACK.
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(IPAddress.Loopback, port);
        client.Connect(socket, "localhost", port, SecureSocketOptions.StartTls);
        if (!client.IsSecure)
        {
            throw new InvalidOperationException("The session is not secure: STARTTLS did not happen.");
        }

        string reply = client.Send(_message);
        client.Disconnect(quit: true);
        return reply.Length;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class DroppingStore : MessageStore
    {
        public override Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken) =>
            Task.FromResult(SmtpServer.Protocol.SmtpResponse.Ok);
    }
}
