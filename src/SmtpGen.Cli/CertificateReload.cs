using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SmtpGen.Server;

namespace SmtpGen.Cli;

/// <summary>
/// <c>serve</c>'s answer to SIGHUP, as Postfix's and nginx's reload: the certificate and key files are read again and
/// the next handshakes present what they now hold (a renewed certificate, its new chain). A pair of files that cannot be
/// read is logged, and the certificate in use stays.
/// </summary>
internal sealed partial class CertificateReload : IDisposable
{
    private readonly SmtpListener _listener;
    private readonly string _certificateFile;
    private readonly string _keyFile;
    private readonly ILogger _logger;
    private readonly PosixSignalRegistration _hangUp;

    public CertificateReload(SmtpListener listener, string certificateFile, string keyFile, ILogger logger)
    {
        _listener = listener;
        _certificateFile = certificateFile;
        _keyFile = keyFile;
        _logger = logger;
        _hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Reload);
    }

    public void Dispose() => _hangUp.Dispose();

    private void Reload(PosixSignalContext context)
    {
        // A hang-up ends a process unless it is handled; here it only reloads.
        context.Cancel = true;
        try
        {
            (X509Certificate2 certificate, X509Certificate2Collection chain) = TlsFiles.LoadServerCertificate(_certificateFile, _keyFile);
            _listener.ReplaceCertificate(certificate, chain);
            Reloaded(_logger, _certificateFile, certificate.Subject, certificate.NotAfter.ToUniversalTime(), chain.Count);
        }
        catch (Exception failure)
        {
            // Whatever the files hold, a reload must not end the server: an exception here would end the process.
            NotReloaded(_logger, failure.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "TLS certificate reloaded from {File}: {Subject}, valid until {NotAfter:u}, with {Intermediates} intermediate(s)")]
    private static partial void Reloaded(ILogger logger, string file, string subject, DateTime notAfter, int intermediates);

    [LoggerMessage(2, LogLevel.Warning, "TLS certificate not reloaded, the one in use stays: {Reason}")]
    private static partial void NotReloaded(ILogger logger, string reason);
}
