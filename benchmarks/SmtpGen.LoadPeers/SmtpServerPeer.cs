using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SmtpGen.LoadPeers;

/// <summary>
/// The SmtpServer library on a loopback port, discarding every message (the store of a load test); with a certificate,
/// it offers STARTTLS.
/// </summary>
internal static class SmtpServerPeer
{
    public static async Task<int> RunAsync(int port, bool noDelay, X509Certificate2? certificate, CancellationToken stop)
    {
        ISmtpServerOptions options = new SmtpServerOptionsBuilder()
            .ServerName("smtpserver.test")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port));
                if (certificate is not null)
                {
                    endpoint.Certificate(certificate);
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new DiscardingStore());
        if (noDelay)
        {
            services.Add(new NoDelayListenerFactory());
        }

        var server = new SmtpServer.SmtpServer(options, services);
        Console.WriteLine($"SmtpServer listening on 127.0.0.1:{port}{(noDelay ? " with TCP_NODELAY" : "")}{(certificate is null ? "" : ", offering STARTTLS")}");
        try
        {
            await server.StartAsync(stop);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }

        return 0;
    }

    private sealed class DiscardingStore : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken) =>
            Task.FromResult(SmtpResponse.Ok);
    }
}
