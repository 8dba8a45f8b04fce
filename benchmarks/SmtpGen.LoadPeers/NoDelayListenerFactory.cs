using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace SmtpGen.LoadPeers;

/// <summary>
/// SmtpServer's connections with TCP_NODELAY set, which its own listener leaves off (without it every reply written in
/// pieces waits for the client's delayed ACK, about 40 ms on Linux, and the comparison would time that), and with
/// STARTTLS: the pipes move onto an <see cref="SslStream"/> when SmtpServer upgrades them.
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
            return new SecurablePipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class SecurablePipe(TcpClient client) : ISecurableDuplexPipe
    {
        private SslStream? _tls;

        public PipeReader Input { get; private set; } = PipeReader.Create(client.GetStream());

        public PipeWriter Output { get; private set; } = PipeWriter.Create(client.GetStream());

        public bool IsSecure => _tls is not null;

        public SslProtocols SslProtocol => _tls?.SslProtocol ?? SslProtocols.None;

        public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
        {
            _tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: true);
            await _tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = protocols }, cancellationToken);
            Input = PipeReader.Create(_tls);
            Output = PipeWriter.Create(_tls);
        }

        public void Dispose()
        {
            _tls?.Dispose();
            client.Dispose();
        }
    }
}
