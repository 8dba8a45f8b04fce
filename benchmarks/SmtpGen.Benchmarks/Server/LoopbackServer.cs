using System.Net;
using System.Security.Cryptography.X509Certificates;
using SmtpGen.Server;

namespace SmtpGen.Benchmarks.Server;

/// <summary>SmtpGen.Server as the benchmarks run it: the real listener on a free loopback port, with the discarding store.</summary>
internal static class LoopbackServer
{
    /// <summary>Starts the listener, with STARTTLS when given a certificate.</summary>
    public static SmtpListener StartDiscarding(X509Certificate2? certificate = null)
    {
        var server = new SmtpListener(
            new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "localhost", Certificate = certificate },
            new DiscardingMessageStore());
        server.Start();
        return server;
    }
}
