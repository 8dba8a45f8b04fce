using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace SmtpGen.LoadPeers;

/// <summary>
/// SmtpServer's connections with TCP_NODELAY set, which its own listener leaves off: without it, a reply
/// written in pieces waits for the client's delayed ACK (about 40 ms on Linux) whenever the client pipelines.
/// </summary>
internal sealed class NoDelayListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            TcpClient client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>A plain TCP connection as the pipe SmtpServer reads and writes (its own is internal); no STARTTLS.</summary>
    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(client.GetStream());

        public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The load test runs without TLS.");

        public void Dispose() => client.Dispose();
    }
}
