using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SmtpGen.Server;

namespace SmtpGen.Cli;

/// <summary>
/// <c>serve</c>'s answer to SIGHUP, as Postfix's and nginx's reload: the certificate and key files are read again and
/// the next handshakes present what they now hold (a renewed certificate, its new chain). Files that cannot be read are
/// logged, and the certificate in use stays. SIGHUP never ends <c>serve</c>: before its start, after its stop or without
/// TLS, the signal is taken and does nothing more.
/// </summary>
internal sealed partial class CertificateReload : IDisposable
{
    /// <summary>
    /// One registration for the process, never disposed: a disposed one gives SIGHUP back its default action, the end of
    /// the process, and a late signal would end <c>serve</c> after its stop with exit 129.
    /// </summary>
    private static readonly PosixSignalRegistration HangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangUp);

    /// <summary>The runs of serve in this process; locked by every reload, so that the last signal's reads come last.</summary>
    private static readonly List<CertificateReload> Running = [];

    private readonly string? _certificateFile;
    private readonly string? _keyFile;
    private SmtpListener? _listener;
    private ILogger? _logger;

    /// <summary>Takes SIGHUP from now on; it reloads once <see cref="Attach"/> has given the started server.</summary>
    /// <param name="certificateFile">The server's certificate file (--tls-certificate); null without TLS.</param>
    /// <param name="keyFile">Its key's file (--tls-key).</param>
    public CertificateReload(string? certificateFile, string? keyFile)
    {
        _certificateFile = certificateFile;
        _keyFile = keyFile;
        lock (Running)
        {
            Running.Add(this);
        }
    }

    /// <summary>The server whose certificate a SIGHUP replaces, once it has started, and where to log it; logs the one it has.</summary>
    public void Attach(SmtpListener listener, ILogger logger)
    {
        lock (Running)
        {
            (_listener, _logger) = (listener, logger);
            if (_certificateFile is not null)
            {
                Describe("loaded", _certificateFile);
            }
        }
    }

    /// <summary>Ends the reloads of this run of serve; a SIGHUP after it is still taken.</summary>
    public void Dispose()
    {
        lock (Running)
        {
            Running.Remove(this);
        }
    }

    private static void OnHangUp(PosixSignalContext context)
    {
        // Handled, a hang-up does not end the process. The runtime may run two signals' handlers at once.
        context.Cancel = true;
        lock (Running)
        {
            foreach (CertificateReload reload in Running)
            {
                reload.Reload();
            }
        }
    }

    private void Reload()
    {
        if (_listener is null || _logger is null)
        {
            return;   // not started: the start reads the files itself
        }

        if (_certificateFile is null || _keyFile is null)
        {
            NothingToReload(_logger);
            return;
        }

        try
        {
            (X509Certificate2 certificate, X509Certificate2Collection chain) = TlsFiles.LoadServerCertificate(_certificateFile, _keyFile);
            _listener.ReplaceCertificate(certificate, chain);
            foreach (X509Certificate2 intermediate in chain)
            {
                intermediate.Dispose();   // the context holds copies of its own
            }

            Describe("reloaded", _certificateFile);
        }
        catch (Exception failure)
        {
            // Whatever the files hold, a reload must not end the server: an exception here would end the process.
            NotReloaded(_logger, failure.Message);
        }
    }

    /// <summary>
    /// Logs the certificate the next handshakes present, and warns when it is not valid now (clients that check refuse it).
    /// The listener itself warns of a certificate of the file that the handshakes do not send.
    /// </summary>
    private void Describe(string how, string file)
    {
        SslStreamCertificateContext context = _listener!.CertificateContext!;
        X509Certificate2 certificate = context.TargetCertificate;
        DateTime now = DateTime.Now;
        Presented(_logger!, how, file, certificate.Subject, certificate.SerialNumber, certificate.NotAfter.ToUniversalTime(), context.IntermediateCertificates.Count);
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            NotValidNow(_logger!, certificate.Subject, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        }
    }

    [LoggerMessage(1, LogLevel.Information, "TLS certificate {How} from {File}: {Subject}, serial {SerialNumber}, valid until {NotAfter:u}, sent with {Intermediates} intermediate(s)")]
    private static partial void Presented(ILogger logger, string how, string file, string subject, string serialNumber, DateTime notAfter, int intermediates);

    [LoggerMessage(2, LogLevel.Warning, "TLS certificate not reloaded, the one in use stays: {Reason}")]
    private static partial void NotReloaded(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Information, "SIGHUP: no TLS certificate to reload (serve was started without --tls-certificate)")]
    private static partial void NothingToReload(ILogger logger);

    [LoggerMessage(4, LogLevel.Warning, "The TLS certificate {Subject} is not valid now (from {NotBefore:u} to {NotAfter:u}): clients that check it refuse it")]
    private static partial void NotValidNow(ILogger logger, string subject, DateTime notBefore, DateTime notAfter);
}
